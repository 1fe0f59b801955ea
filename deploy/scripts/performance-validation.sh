#!/usr/bin/env bash
# Checks a TrustChain node against the deployment guide's performance targets with the bench/
# tools, then reads the same figures back from the node's own metrics:
#   issuance  p99 <= 100 ms at the offered rate (bench/issuance.sh, capped at --rps)
#   DNS       p99 <= 200 ms (bench/dns.sh over UDP)
#   CT append p99 <= 2 s   (the node's trustchain_ct_append_duration_seconds histogram)
# Stops by itself after about 2 x --duration plus warm-ups. Exits 0 when every target holds, 1 naming
# the missed ones, 2 on bad use. Only ever point it at your own node.
#
#   deploy/scripts/performance-validation.sh --data-dir data [--port-offset N] [--duration=60] [--rps=100]
set -uo pipefail
TC_USAGE="usage: $(basename "$0") --data-dir DIR [--port-offset N] [--duration=SECONDS] [--rps=N]"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tc_parse "$@"
DURATION=60 RPS=100
for arg in "${TC_REST[@]+"${TC_REST[@]}"}"; do
  case "$arg" in
    --duration=*) DURATION="${arg#*=}" ;;
    --rps=*) RPS="${arg#*=}" ;;
    *) tc_usage_error "unknown argument: $arg" ;;
  esac
done
[[ "$DURATION" =~ ^[0-9]+$ && "$RPS" =~ ^[0-9]+$ ]] || tc_usage_error "--duration and --rps must be numbers"
TC_WORK="$(mktemp -d)"
trap 'rm -rf "$TC_WORK"' EXIT

# RESULT-line field of bench/issuance.sh (JSON) or bench/dns.sh (key=value).
field() { grep -o "\"$2\":[0-9.]*" "$1" | head -1 | cut -d: -f2; }
p99_within() { awk -v v="$1" -v max="$2" 'BEGIN { exit !(v != "" && v <= max) }'; }

issuance() {
  "$TC_REPO/bench/issuance.sh" --url "$TC_API" --root-ca "$TC_CA" --token-file "$TC_TOKEN_FILE" --rate "$RPS" \
      --concurrency 16 --warmup 5 --duration "$DURATION" --csrs 500 > "$TC_WORK/issuance.txt" 2>&1
  local rc=$?
  grep -E "^RESULT|summary|failures" "$TC_WORK/issuance.txt" | tail -3
  p99=$(grep '^RESULT' "$TC_WORK/issuance.txt" | grep -o '"p99":[0-9.]*' | head -1 | cut -d: -f2)
  echo "issuance p99 = ${p99:-?} ms (target 100 ms)"
  [[ $rc == 0 ]] && p99_within "$p99" 100
}

dns() {
  host="${TC_HOST#[}"; host="${host%]}"
  "$TC_REPO/bench/dns.sh" --mode udp --host "$host" --port "$TC_DNS_PORT" --warmup 2 --duration "$DURATION" > "$TC_WORK/dns.txt" 2>&1
  local rc=$?
  grep '^RESULT' "$TC_WORK/dns.txt"
  p99=$(grep '^RESULT' "$TC_WORK/dns.txt" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p')
  echo "DNS p99 = ${p99:-?} ms (target 200 ms)"
  [[ $rc == 0 ]] && p99_within "$p99" 200
}

ct_append() {
  curl -sS -f --max-time 30 "$TC_METRICS" > "$TC_WORK/metrics.txt" || return 1
  # p99 from the cumulative histogram since start: the smallest bucket bound holding 99 % of the appends.
  awk '/^trustchain_ct_append_duration_seconds_bucket/ {
         match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); n[le] = $NF; order[++k] = le }
       END { total = n["+Inf"]; if (total == 0) { print "no appends recorded"; exit 1 }
             for (i = 1; i <= k; i++) if (n[order[i]] >= 0.99 * total) { print "CT append p99 <= " order[i] " s over " total " appends (target 2 s)"; exit !(order[i] != "+Inf" && order[i] + 0 <= 2) } }' \
      "$TC_WORK/metrics.txt"
}

TC_SHOW_RESULT=1
check issuance-p99 issuance
check dns-p99 dns
check ct-append-p99 ct_append
tc_finish
