#!/usr/bin/env bash
# OCSP load generator for TrustChain: issues and revokes certificates, then POSTs OCSP requests about them.
# Usage: bench/ocsp.sh --data-dir DATA_DIR [--certs N] [--revoked 0.2] [--concurrency N] [--duration S] [--warmup S] [--nonce]
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "ocsp.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# Parallel GC and a fixed heap: the generator shares 2 cores with the server, so keep GC threads and pauses small.
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m} -cp "$jar" online.hypermesh.trustchain.bench.OcspBench "$@"
