#!/usr/bin/env bash
# CT sequencer benchmark: the log's real Sequencer, JdbcLogStore and advisory lock on a fresh PostgreSQL database
# (default 127.0.0.1:5432, user postgres), without HTTP. Burst, closed-loop or fixed-rate submissions of distinct
# pre-minted certificates; entries/s and submit-to-SCT latency.
# Usage: bench/ct-sequencer.sh [--mode burst|closed|rate] [options]   (bench/ct-sequencer.sh --help lists them)
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "ct-sequencer.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# The pre-minted certificates and their submissions stay in memory (about 3 KB each).
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms2g -Xmx2g} -cp "$jar" online.hypermesh.trustchain.bench.ct.CtSequencerBench \
  --migrations "$here/../db/migrations" "$@"
