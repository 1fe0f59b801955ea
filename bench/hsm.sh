#!/usr/bin/env bash
# Issuance on the PKCS#11 token against the software token, side by side in one run, and the
# session pool's effect: three TrustChain servers one after the other, each on a fresh data
# directory (and a SoftHSM2 token of its own), each measured with bench/issuance.sh:
#   software          TRUSTCHAIN_CRYPTO_TOKEN=software (the default)
#   pkcs11            TRUSTCHAIN_CRYPTO_TOKEN=pkcs11, the default pool (TRUSTCHAIN_PKCS11_SESSIONS=8)
#   pkcs11-pool-1     TRUSTCHAIN_CRYPTO_TOKEN=pkcs11, TRUSTCHAIN_PKCS11_SESSIONS=1
# then prints one table (throughput, p50/p99/max, errors) and keeps every RESULT line.
#
# Usage: bench/hsm.sh [--work DIR] [--port-offset N] [--only NAME[,NAME]] [-- issuance.sh options]
#   --work DIR        where the data directories, tokens and logs go (default bench/target/hsm)
#   --port-offset N   the servers' port offset (default 4000)
#   --only LIST       run only these of software,pkcs11,pkcs11-pool-1
#   after --, options for bench/issuance.sh (default: --warmup 30 --duration 60 --concurrency 16)
# Needs softhsm2-util (Debian softhsm2) and a built tree (./trustchain build).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/target/hsm"
offset=4000
only="software,pkcs11,pkcs11-pool-1"
bench_args=(--warmup 30 --duration 60 --concurrency 16)
library=/usr/lib/softhsm/libsofthsm2.so

while [[ $# -gt 0 ]]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --port-offset) offset="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "hsm.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v softhsm2-util >/dev/null || { echo "hsm.sh: softhsm2-util is missing (apt-get install softhsm2)" >&2; exit 2; }
[[ -f "$library" ]] || { echo "hsm.sh: $library is missing (apt-get install softhsm2)" >&2; exit 2; }
mkdir -p "$work"
results="$work/results.txt"
: > "$results"
server_pid=""

stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  server_pid=""
}
trap stop_server EXIT

# A SoftHSM2 token of the variant's own: its configuration, token directory and PIN file under $1.
softhsm() {
  local dir="$1"
  mkdir -p "$dir/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir/tokens" > "$dir/softhsm2.conf"
  printf 'bench-user-pin\n' > "$dir/pin"
  chmod 600 "$dir/pin"
  SOFTHSM2_CONF="$dir/softhsm2.conf" softhsm2-util --init-token --free --label trustchain-bench \
    --pin bench-user-pin --so-pin bench-so-pin >/dev/null
}

run_variant() {
  local name="$1"
  local dir="$work/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  # The per-account rate limit (1,000 a minute by default) would answer most requests 429: lifted, since this measures signing.
  local -a env_vars=(TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE=1000000 TRUSTCHAIN_CRYPTO_TOKEN=software)
  if [[ "$name" == pkcs11* ]]; then
    softhsm "$dir/softhsm"
    env_vars=(TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE=1000000 SOFTHSM2_CONF="$dir/softhsm/softhsm2.conf" TRUSTCHAIN_CRYPTO_TOKEN=pkcs11 TRUSTCHAIN_PKCS11_LIBRARY="$library"
      TRUSTCHAIN_PKCS11_TOKEN_LABEL=trustchain-bench TRUSTCHAIN_PKCS11_PIN_FILE="$dir/softhsm/pin")
    [[ "$name" == pkcs11-pool-1 ]] && env_vars+=(TRUSTCHAIN_PKCS11_SESSIONS=1)
  fi
  echo "hsm.sh: $name: starting TrustChain (log: $dir/server.out)" >&2
  env "${env_vars[@]}" "$root/trustchain" run --data-dir "$dir/data" --port-offset "$offset" > "$dir/server.out" 2>&1 &
  server_pid=$!
  local waited=0
  until grep -q "TrustChain is ready" "$dir/server.out" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || (( waited > 400 )); then
      echo "hsm.sh: $name: TrustChain did not start; see $dir/server.out" >&2
      tail -20 "$dir/server.out" >&2
      exit 1
    fi
    sleep 2; waited=$((waited + 2))
  done
  local status=0
  "$here/issuance.sh" --data-dir "$dir/data" --url "https://[::1]:$((8443 + offset))" "${bench_args[@]}" \
    > "$dir/bench.out" 2>&1 || status=$?
  local line
  line="$(grep '^RESULT ' "$dir/bench.out" | tail -1 || true)"
  [[ -n "$line" ]] || { echo "hsm.sh: $name: no RESULT line (exit $status); see $dir/bench.out" >&2; tail -20 "$dir/bench.out" >&2; exit 1; }
  echo "$name ${line#RESULT }" >> "$results"
  stop_server
}

IFS=',' read -r -a variants <<< "$only"
for v in "${variants[@]}"; do
  case "$v" in
    software|pkcs11|pkcs11-pool-1) run_variant "$v" ;;
    *) echo "hsm.sh: unknown variant $v (software, pkcs11, pkcs11-pool-1)" >&2; exit 2 ;;
  esac
done

echo
printf '%-15s %12s %9s %9s %9s %7s\n' token "req/s" "p50 ms" "p99 ms" "max ms" errors
while read -r name json; do
  python3 - "$name" "$json" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
l = r["latency_ms"]
print(f'{sys.argv[1]:<15} {r["throughput_rps"]:>12.1f} {l["p50"]:>9.1f} {l["p99"]:>9.1f} {l["max"]:>9.1f} {r["errors"]:>7}')
PY
done < "$results"
echo
echo "RESULT lines: $results"
