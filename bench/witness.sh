#!/usr/bin/env bash
# Witnessing latency: from a flushed entry (its certificate issued, the SCT's tree head committed)
# to a /checkpoint that covers it with a quorum of witness cosignatures, against a running
# TrustChain with its local witnesses (./trustchain run). p50/p99/max over --count entries.
# Usage: bench/witness.sh --data-dir DIR [--port-offset N] [--count N] [--quorum Q]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "witness.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--Xmx256m} -cp "$jar" online.hypermesh.trustchain.bench.WitnessBench "$@"
