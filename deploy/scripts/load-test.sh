#!/usr/bin/env bash
# Holds issuance load on a TrustChain node for a while at a fixed rate, with bench/issuance.sh (closed
# loop, capped at --rps), and stops by itself after --duration. Exit status: bench's (0 pass, 1 more
# than 1 % failed, 2 bad arguments). Only ever point it at your own node.
#
#   deploy/scripts/load-test.sh --data-dir data [--port-offset N] [--duration=1h] [--rps=1000] [--concurrency=64]
#       [--warmup=30s] [--csrs=2000]
# Durations: plain seconds or with s, m or h. The guide's target: --duration=1h --rps=1000.
set -uo pipefail
TC_USAGE="usage: $(basename "$0") --data-dir DIR [--port-offset N] [--duration=1h] [--rps=1000] [--concurrency=N] [--warmup=30s]"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tc_parse "$@"
DURATION=1h RPS=1000 CONCURRENCY=64 WARMUP=30s CSRS=2000
for arg in "${TC_REST[@]+"${TC_REST[@]}"}"; do
  case "$arg" in
    --duration=*) DURATION="${arg#*=}" ;;
    --rps=*) RPS="${arg#*=}" ;;
    --concurrency=*) CONCURRENCY="${arg#*=}" ;;
    --warmup=*) WARMUP="${arg#*=}" ;;
    --csrs=*) CSRS="${arg#*=}" ;;
    *) tc_usage_error "unknown argument: $arg" ;;
  esac
done

seconds() {
  case "$1" in
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
D=$(seconds "$DURATION") Wu=$(seconds "$WARMUP")
[[ "$D" =~ ^[0-9]+$ && "$D" -ge 1 && "$Wu" =~ ^[0-9]+$ && "$RPS" =~ ^[0-9]+$ && "$RPS" -ge 1 ]] ||
  tc_usage_error "--duration, --warmup and --rps must be positive numbers"
[[ -n "$TC_TOKEN_FILE" ]] || tc_usage_error "a token is needed: --data-dir DIR or --token-file FILE"

echo "load-test: $RPS issuances/s for $D s (after $Wu s warm-up) against $TC_API, $CONCURRENCY in flight"
exec "$TC_REPO/bench/issuance.sh" --url "$TC_API" --root-ca "$TC_CA" --token-file "$TC_TOKEN_FILE" \
  --rate "$RPS" --duration "$D" --warmup "$Wu" --concurrency "$CONCURRENCY" --csrs "$CSRS" --progress 10
