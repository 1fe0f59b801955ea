#!/usr/bin/env bash
# Audits a running TrustChain node's exposed surface: TLS 1.3 only on the API (8443) and CT (6962)
# listeners, exactly the allowed cipher suites and key exchange groups, HSTS, no write without
# credentials (or with the wrong ones), no API over plain HTTP, and the data directory's file modes.
# Exits 0 when all pass, 1 naming each failed check, 2 on bad use.
#
#   deploy/scripts/security-audit.sh --data-dir data [--port-offset N]
#       [--allowed-groups X25519:secp256r1:...]   key exchange groups the listeners may accept
#   deploy/scripts/security-audit.sh --ca-file root.pem --api-url https://ca.example:8443 --ct-url https://ca.example:6962
#       (without --data-dir the file permission checks are skipped and say so)
set -uo pipefail
TC_USAGE="usage: $(basename "$0") --data-dir DIR [--port-offset N] [--allowed-groups G1:G2...] | --ca-file FILE --api-url URL --ct-url URL"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tc_parse "$@"
# Every group TLS 1.3 defines at 112-bit security or more; tighten with --allowed-groups.
ALLOWED_GROUPS="X25519:secp256r1:secp384r1:secp521r1:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192"
set -- "${TC_REST[@]+"${TC_REST[@]}"}"
while (($#)); do
  case "$1" in
    --allowed-groups) ALLOWED_GROUPS="$2"; shift 2 ;;
    *) tc_usage_error "unknown argument: $1" ;;
  esac
done
for tool in curl openssl; do
  command -v "$tool" >/dev/null || { echo "$(basename "$0"): $tool is needed" >&2; exit 2; }
done
TC_WORK="$(mktemp -d)"
trap 'rm -rf "$TC_WORK"' EXIT
ALLOWED_SUITES="TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256 TLS_AES_128_GCM_SHA256"

hostport() { local u="${1#*://}"; echo "${u%%/*}"; }

# handshake URL OPTIONS...: succeeds when a TLS handshake with these client options completes.
handshake() {
  local target; target=$(hostport "$1"); shift
  echo | timeout 15 openssl s_client -connect "$target" -CAfile "$TC_CA" -verify_return_error "$@" > "$TC_WORK/hs.txt" 2>&1
  local rc=$?
  grep -E "Protocol|Cipher is|Server Temp Key|Verify return|alert" "$TC_WORK/hs.txt" | head -5
  return $rc
}

tls13_only() {
  handshake "$1" -tls1_3 || { echo "TLS 1.3 handshake failed"; return 1; }
  if handshake "$1" -tls1_2; then echo "TLS 1.2 was accepted"; return 1; fi
  echo "TLS 1.2 refused, TLS 1.3 accepted"
}

suites() {
  for s in $ALLOWED_SUITES; do
    handshake "$1" -tls1_3 -ciphersuites "$s" >/dev/null || { echo "allowed suite $s refused"; return 1; }
  done
  for s in TLS_AES_128_CCM_SHA256 TLS_AES_128_CCM_8_SHA256; do
    if handshake "$1" -tls1_3 -ciphersuites "$s" >/dev/null; then echo "suite $s accepted"; return 1; fi
  done
  echo "accepted exactly: $ALLOWED_SUITES"
}

groups() {
  local accepted=() g
  for g in X25519 X448 secp256r1 secp384r1 secp521r1 ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192 brainpoolP256r1tls13; do
    if handshake "$1" -tls1_3 -groups "$g" >/dev/null; then accepted+=("$g"); fi
  done
  echo "accepted groups: ${accepted[*]:-none}"
  ((${#accepted[@]})) || return 1
  for g in "${accepted[@]}"; do
    [[ ":$ALLOWED_GROUPS:" == *":$g:"* ]] || { echo "group $g is accepted but not allowed (--allowed-groups $ALLOWED_GROUPS)"; return 1; }
  done
}

hsts() {
  tc_curl -sS -o /dev/null -D "$TC_WORK/headers.txt" "$TC_API/health"
  cat "$TC_WORK/headers.txt"
  age=$(grep -i '^strict-transport-security:' "$TC_WORK/headers.txt" | sed -n 's/.*max-age=\([0-9]*\).*/\1/Ip')
  [[ -n "$age" && "$age" -ge 31536000 ]]
}

# status METHOD URL EXPECTED [curl options]: the answer has that status and is problem+json.
status_is() {
  local method="$1" url="$2" expected="$3"; shift 3
  code=$(tc_curl -sS -o "$TC_WORK/body" -D "$TC_WORK/h" -w '%{http_code}' -X "$method" "$@" "$url")
  echo "$method $url -> $code $(head -c 200 "$TC_WORK/body")"
  [[ "$code" == "$expected" ]] && grep -qi '^content-type: application/problem+json' "$TC_WORK/h"
}

unauthenticated_writes() {
  local json=(-H 'Content-Type: application/json')
  status_is POST "$TC_API/api/v1/ca/certificates" 401 "${json[@]}" -d '{"csr":"x","profile":"server"}' &&
  status_is POST "$TC_API/api/v1/ca/certificates/01/revoke" 401 "${json[@]}" -d '{"reason":"keyCompromise"}' &&
  status_is POST "$TC_API/api/v1/ca/revoke-all" 401 "${json[@]}" -d '{"issuer":"x","reason":"cACompromise"}' &&
  status_is PUT "$TC_API/api/v1/ca/issuance" 401 "${json[@]}" -d '{"enabled":false}' &&
  status_is PUT "$TC_API/api/v1/dns/records/audit" 401 "${json[@]}" -d '{"aaaa":["2001:db8::1"]}' &&
  status_is POST "$TC_API/api/v1/ct/roots" 401 -H 'Content-Type: application/pem-certificate-chain' --data-binary 'x' &&
  status_is POST "$TC_API/api/v1/ca/certificates" 401 "${json[@]}" -H 'Authorization: Bearer not-a-token' -d '{}'
}

wrong_role_writes() {
  [[ -n "$TC_TOKEN_FILE" && -f "$TC_TOKEN_FILE" ]] || { echo "no admin token to try (--data-dir or --token-file)"; return 1; }
  # The admin token may not use the emergency controls.
  status_is PUT "$TC_API/api/v1/ca/issuance" 403 -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $(tc_token)" -d '{"enabled":false,"reason":"security audit"}'
}

no_plain_http_api() {
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 15 -X POST -H 'Content-Type: application/json' -d '{}' \
      "$TC_PUBLIC/api/v1/ca/certificates")
  echo "POST $TC_PUBLIC/api/v1/ca/certificates -> $code"
  [[ "$code" == 403 || "$code" == 404 ]]
}

# mode FILE MAX: no permission bit beyond MAX (octal).
mode_at_most() {
  local m; m=$(stat -c '%a' "$1") || return 1
  echo "$1 $m"
  (( (8#$m & ~8#$2) == 0 ))
}

data_dir_permissions() {
  [[ -n "$TC_DATA" ]] || { echo "skipped: no --data-dir"; return 0; }
  local bad=0 f
  for f in operator-secret admin-token emergency-token tls/keystore-password tls/https.p12; do
    [[ -e "$TC_DATA/$f" ]] || continue
    mode_at_most "$TC_DATA/$f" 600 || { echo "  too open: $f"; bad=1; }
  done
  for f in tls postgres; do
    [[ -e "$TC_DATA/$f" ]] && { mode_at_most "$TC_DATA/$f" 700 || { echo "  too open: $f/"; bad=1; }; }
  done
  mode_at_most "$TC_DATA" 755 || { echo "  the data directory is writable by others"; bad=1; }
  [[ ! -e "$TC_DATA/operator-secret" ]] || [[ "$(stat -c %u "$TC_DATA/operator-secret")" == "$(stat -c %u "$TC_DATA")" ]] ||
    { echo "  operator-secret belongs to another user"; bad=1; }
  return $bad
}

check api-tls13-only tls13_only "$TC_API"
check ct-tls13-only tls13_only "$TC_CT"
check api-cipher-suites suites "$TC_API"
check ct-cipher-suites suites "$TC_CT"
check api-groups groups "$TC_API"
check ct-groups groups "$TC_CT"
check hsts hsts
check unauthenticated-writes-refused unauthenticated_writes
check emergency-needs-emergency-token wrong_role_writes
check no-api-over-plain-http no_plain_http_api
check data-dir-permissions data_dir_permissions
tc_finish
