#!/usr/bin/env bash
# CT add-chain load generator: registers a bench root through POST /api/v1/ct/roots, mints distinct leaves under a
# bench intermediate, then POSTs /ct/v1/add-chain from closed-loop workers over TLS 1.3 against a running TrustChain.
# Usage: bench/ct.sh --data-dir DATA_DIR [--port-offset N] [--concurrency C] [--duration S] [--warmup S]
# Builds bench/target/trustchain-bench.jar first if it is missing. BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "ct.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi

# Parallel GC and a fixed heap: the generator shares 2 cores with the server. The minted leaves and their request
# bodies stay in memory (about 2 KB each).
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xms1g -Xmx1g} -cp "$jar" online.hypermesh.trustchain.bench.ct.CtAddChainBench "$@"
