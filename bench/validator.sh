#!/usr/bin/env bash
# Relying-party verification latency (trustchain-witness.jar validate's checks, in process) against a
# running TrustChain with its local witnesses (./trustchain run): p50/p99/max over --count runs.
# The local witnesses' verifier keys are read back with the witness jar's --init (it reuses a key).
# Usage: bench/validator.sh --data-dir DIR [--port-offset N] [--count N] [--via library|api]
# (--via api times POST /api/v1/validate of the same chain instead: the server's own verifier)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
wjar="$here/../witness/target/trustchain-witness.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" || ! -f "$wjar" ]]; then
  echo "validator.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi
data="" offset=0
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --data-dir) data="${args[i+1]}" ;;
    --port-offset) offset="${args[i+1]}" ;;
  esac
done
witnesses=()
if [[ -n "$data" && -d "$data/witnesses" ]]; then
  for dir in "$data"/witnesses/w*; do
    n="${dir##*/w}"
    vkey="$("$java" -jar "$wjar" --init --name "witness-$n.trustchain.localhost" --state "$dir")"
    witnesses+=(--witness "$vkey=http://127.0.0.1:$((6969 + n + offset))/")
  done
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$java" ${BENCH_JAVA_OPTS:--Xmx256m} -cp "$jar" online.hypermesh.trustchain.bench.ValidatorBench "$@" "${witnesses[@]}"
