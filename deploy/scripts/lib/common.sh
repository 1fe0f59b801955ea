# Shared by the deploy/scripts: endpoints of one TrustChain node, and named checks.
# Endpoints come from --data-dir/--port-offset (a node started with ./trustchain run) or are given one by one.

TC_HOST="${TC_HOST:-[::1]}"
TC_OFFSET=0
TC_DATA=""
TC_API="" TC_PUBLIC="" TC_CT="" TC_METRICS="" TC_DNS_PORT="" TC_DOQ_PORT="" TC_CA="" TC_TOKEN_FILE=""
TC_ZONE="${TC_ZONE:-hypermesh.online}"
TC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

# Parses the endpoint options; anything else is left in TC_REST for the script.
tc_parse() {
  TC_REST=()
  while (($#)); do
    case "$1" in
      --data-dir) TC_DATA="$2"; shift 2 ;;
      --data-dir=*) TC_DATA="${1#*=}"; shift ;;
      --port-offset) TC_OFFSET="$2"; shift 2 ;;
      --port-offset=*) TC_OFFSET="${1#*=}"; shift ;;
      --host) TC_HOST="$2"; shift 2 ;;
      --api-url) TC_API="$2"; shift 2 ;;
      --public-url) TC_PUBLIC="$2"; shift 2 ;;
      --ct-url) TC_CT="$2"; shift 2 ;;
      --metrics-url) TC_METRICS="$2"; shift 2 ;;
      --dns-port) TC_DNS_PORT="$2"; shift 2 ;;
      --doq-port) TC_DOQ_PORT="$2"; shift 2 ;;
      --ca-file) TC_CA="$2"; shift 2 ;;
      --token-file) TC_TOKEN_FILE="$2"; shift 2 ;;
      *) TC_REST+=("$1"); shift ;;
    esac
  done
  [[ "$TC_OFFSET" =~ ^[0-9]+$ ]] || tc_usage_error "--port-offset must be a number"
  TC_API="${TC_API:-https://$TC_HOST:$((8443 + TC_OFFSET))}"
  TC_PUBLIC="${TC_PUBLIC:-http://$TC_HOST:$((8080 + TC_OFFSET))}"
  TC_CT="${TC_CT:-https://$TC_HOST:$((6962 + TC_OFFSET))}"
  TC_METRICS="${TC_METRICS:-http://127.0.0.1:$((9990 + TC_OFFSET))/metrics}"
  TC_DNS_PORT="${TC_DNS_PORT:-$((8053 + TC_OFFSET))}"
  TC_DOQ_PORT="${TC_DOQ_PORT:-$((8853 + TC_OFFSET))}"
  if [[ -n "$TC_DATA" ]]; then
    TC_CA="${TC_CA:-$TC_DATA/root.pem}"
    TC_TOKEN_FILE="${TC_TOKEN_FILE:-$TC_DATA/admin-token}"
  fi
  [[ -n "$TC_CA" && -f "$TC_CA" ]] || tc_usage_error "the root certificate is needed: --ca-file FILE or --data-dir DIR"
}

tc_usage_error() {
  echo "$(basename "$0"): $1" >&2
  echo "$TC_USAGE" >&2
  exit 2
}

TC_FAILED=()
# check NAME COMMAND...: runs the command with its output kept; prints ok or FAIL and the output's end.
# With TC_STOP_ON_FAILURE=1 the first failure ends the script (exit 1, naming the check).
check() {
  local name="$1"; shift
  local log="$TC_WORK/$name.log"
  if "$@" >"$log" 2>&1; then
    printf 'ok    %s\n' "$name"
    # With TC_SHOW_RESULT=1 the check's last line (its figure) follows.
    if [[ "${TC_SHOW_RESULT:-0}" == 1 ]]; then
      tail -n 1 "$log" | sed 's/^/      /'
    fi
  else
    printf 'FAIL  %s\n' "$name"
    tail -n 15 "$log" | sed 's/^/      /'
    TC_FAILED+=("$name")
    if [[ "${TC_STOP_ON_FAILURE:-0}" == 1 ]]; then
      tc_finish
    fi
  fi
}

tc_finish() {
  if ((${#TC_FAILED[@]})); then
    echo "$(basename "$0"): FAILED: ${TC_FAILED[*]}" >&2
    exit 1
  fi
  echo "$(basename "$0"): all checks passed"
  exit 0
}

tc_curl() {
  curl -sS --max-time 30 --cacert "$TC_CA" "$@"
}

tc_token() {
  [[ -n "$TC_TOKEN_FILE" && -f "$TC_TOKEN_FILE" ]] || { echo "no token file: --token-file FILE or --data-dir DIR" >&2; return 1; }
  tr -d '\n' < "$TC_TOKEN_FILE"
}
