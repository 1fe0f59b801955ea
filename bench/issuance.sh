#!/usr/bin/env bash
# Issuance load generator for TrustChain: end-to-end POST /api/v1/ca/certificates over HTTPS.
# Usage: bench/issuance.sh --data-dir DATA_DIR [options]   (bench/issuance.sh --help lists them)
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "issuance.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# Parallel GC and a fixed heap: the generator shares 2 cores with the server, so keep GC threads and pauses small.
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m} -jar "$jar" "$@"
