#!/usr/bin/env bash
# DNS load generator for a running TrustChain: classic UDP (8053) or DNS-over-QUIC (8853), started by nobody but you.
# Usage: bench/dns.sh --mode udp|doq|doq-new [--host ::1] [--port P] [--data-dir DATA_DIR] [options]
#        (bench/dns.sh --help lists them; DoQ needs --data-dir or --root-ca to check the server certificate)
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "dns.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms256m -Xmx256m} -cp "$jar" online.hypermesh.trustchain.bench.dns.DnsBench "$@"
