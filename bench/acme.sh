#!/usr/bin/env bash
# ACME load generator for TrustChain: end-to-end orders (new-order, authorization, http-01, finalize, download).
# Usage: bench/acme.sh --data-dir DATA_DIR [--concurrency N] [--duration S] [--warmup S] [--http01-port P]
# The server must run with TRUSTCHAIN_ACME_HTTP01_PORT=P (default 5002) and TRUSTCHAIN_ACME_RESOLVERS='[::1]:8053'.
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "acme.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# Parallel GC and a fixed heap: the generator shares 2 cores with the server, so keep GC threads and pauses small.
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m} -cp "$jar" online.hypermesh.trustchain.bench.AcmeBench "$@"
