#!/usr/bin/env bash
# Checks a running TrustChain node end to end, from outside, with other people's clients:
# health, issuance, the chain with openssl, OCSP and the CRL before and after revoking the test
# certificate, CT inclusion and consistency proofs (RFC 9162) and the signed tree heads, a DNS and a
# DoQ query, and the Prometheus metrics. Exits 0 when all pass, 1 naming each failed check, 2 on bad use.
#
#   deploy/scripts/validate-deployment.sh --data-dir data [--port-offset N]
#   deploy/scripts/validate-deployment.sh --ca-file root.pem --token-file admin-token \
#       --api-url https://ca.example:8443 --ct-url https://ca.example:6962 --metrics-url http://10.0.0.5:9990/metrics \
#       --host ca.example --dns-port 8053 --doq-port 8853
#
# Needs bash, curl, openssl, python3 (standard library), dig, and Java for the DoQ query (bench/dns.sh,
# a Netty QUIC client). The test certificate it issues is revoked again (cessationOfOperation).
set -uo pipefail
TC_USAGE="usage: $(basename "$0") --data-dir DIR [--port-offset N] | --ca-file FILE --token-file FILE [--api-url URL] [--ct-url URL] [--metrics-url URL] [--host HOST] [--dns-port N] [--doq-port N]"
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tc_parse "$@"
((${#TC_REST[@]} == 0)) || tc_usage_error "unknown argument: ${TC_REST[0]}"
for tool in curl openssl python3 dig java; do
  command -v "$tool" >/dev/null || { echo "$(basename "$0"): $tool is needed" >&2; exit 2; }
done
TC_WORK="$(mktemp -d)"
trap 'rm -rf "$TC_WORK"' EXIT
W="$TC_WORK"
CT_VERIFY="$(dirname "${BASH_SOURCE[0]}")/lib/ct_verify.py"
NAME="validate-$(date +%s)-$RANDOM.$TC_ZONE"

health() {
  tc_curl -f "$TC_API/health" | tee "$W/health.json"
  grep -q '"status":"UP"' "$W/health.json"
}

sth_before() {
  python3 "$CT_VERIFY" sth --ct-url "$TC_CT" --ca-file "$TC_CA" > "$W/sth-before.json" && cat "$W/sth-before.json"
}

issue() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/leaf.key" &&
  openssl req -new -key "$W/leaf.key" -subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" -out "$W/leaf.csr" &&
  code=$(tc_curl -o "$W/chain.pem" -w '%{http_code}' -H "Authorization: Bearer $(tc_token)" \
      -H 'Content-Type: application/pkcs10' --data-binary @"$W/leaf.csr" "$TC_API/api/v1/ca/certificates?profile=server") &&
  { [[ "$code" == 201 ]] || { cat "$W/chain.pem"; echo "HTTP $code"; return 1; }; } &&
  awk '/BEGIN CERT/{n++} n==1' "$W/chain.pem" > "$W/leaf.pem" &&
  awk '/BEGIN CERT/{n++} n==2' "$W/chain.pem" > "$W/intermediate.pem" &&
  openssl x509 -in "$W/leaf.pem" -noout -subject -serial -enddate
}

verify_chain() {
  openssl verify -CAfile "$TC_CA" -untrusted "$W/intermediate.pem" -purpose sslserver "$W/leaf.pem" &&
  openssl x509 -in "$W/leaf.pem" -noout -checkhost "$NAME" | grep -q 'does match'
}

# OCSP at the URL in the certificate's AIA; expects the status given.
ocsp_is() {
  url=$(openssl x509 -in "$W/leaf.pem" -noout -ocsp_uri) && [[ -n "$url" ]] &&
  openssl ocsp -issuer "$W/intermediate.pem" -cert "$W/leaf.pem" -url "$url" -CAfile "$TC_CA" \
      -verify_other "$W/intermediate.pem" -resp_text > "$W/ocsp.txt" 2>&1
  cat "$W/ocsp.txt"
  grep -q "^Response verify OK" "$W/ocsp.txt" && grep -q "$W/leaf.pem: $1" "$W/ocsp.txt"
}

# The CRL at the certificate's distribution point, signature checked; "listed" or "absent".
crl_has_leaf() {
  url=$(openssl x509 -in "$W/leaf.pem" -noout -ext crlDistributionPoints | sed -n 's/.*URI:\(http[^ ]*\).*/\1/p' | head -1) &&
  [[ -n "$url" ]] && curl -sS -f --max-time 30 -o "$W/crl.der" "$url" &&
  cat "$TC_CA" "$W/intermediate.pem" > "$W/chain-ca.pem" &&
  openssl crl -inform DER -in "$W/crl.der" -CAfile "$W/chain-ca.pem" -noout 2>&1 | tee "$W/crl-verify.txt" &&
  grep -q "verify OK" "$W/crl-verify.txt" &&
  serial=$(openssl x509 -in "$W/leaf.pem" -noout -serial | cut -d= -f2) &&
  openssl crl -inform DER -in "$W/crl.der" -noout -text > "$W/crl.txt" &&
  if grep -qi "Serial Number: *0*${serial#0}$" "$W/crl.txt"; then [[ "$1" == listed ]]; else [[ "$1" == absent ]]; fi
}

revoke() {
  serial=$(openssl x509 -in "$W/leaf.pem" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f') &&
  code=$(tc_curl -o "$W/revoke.json" -w '%{http_code}' -H "Authorization: Bearer $(tc_token)" -H 'Content-Type: application/json' \
      -d '{"reason": "cessationOfOperation"}' "$TC_API/api/v1/ca/certificates/$serial/revoke") &&
  cat "$W/revoke.json" && [[ "$code" == 200 ]]
}

ct() {
  python3 "$CT_VERIFY" verify --ct-url "$TC_CT" --ca-file "$TC_CA" --leaf "$W/leaf.pem" --before "$W/sth-before.json"
}

dns() {
  host="${TC_HOST#[}"; host="${host%]}"
  dig +time=5 +tries=2 @"$host" -p "$TC_DNS_PORT" AAAA "trust.$TC_ZONE" | tee "$W/dig.txt" &&
  grep -q "status: NOERROR" "$W/dig.txt" && grep -q "flags:.* aa" "$W/dig.txt" &&
  tc_curl -f -H "Authorization: Bearer $(tc_token)" "$TC_API/api/v1/dns/cache" | tee "$W/dns-cache.json" &&
  grep -q '"ratio"' "$W/dns-cache.json"
}

doq() {
  host="${TC_HOST#[}"; host="${host%]}"
  # One QUIC connection, set up during the warm-up; then queries over it for two seconds.
  "$TC_REPO/bench/dns.sh" --mode doq --host "$host" --port "$TC_DOQ_PORT" --root-ca "$TC_CA" \
      --names "trust.$TC_ZONE" --concurrency 1 --inflight 1 --warmup 3 --duration 2 --timeout-ms 10000 | tee "$W/doq.txt" &&
  grep -Eq ': [1-9][0-9]* answered, 0 failed' "$W/doq.txt"
}

metrics() {
  curl -sS -f --max-time 30 "$TC_METRICS" > "$W/metrics.txt" || return 1
  missing=0
  for m in trustchain_ca_certificates_issued_total trustchain_ca_issuance_duration_seconds_bucket trustchain_ca_revocations_total \
           trustchain_ct_log_size trustchain_ct_append_duration_seconds_bucket trustchain_ct_merkle_proof_generation_seconds_bucket \
           trustchain_dns_queries_total trustchain_dns_resolution_duration_seconds_bucket trustchain_dns_cache_hit_ratio \
           trustchain_ca_issuance_enabled trustchain_ca_certificate_expiry_timestamp_seconds trustchain_http_responses_total; do
    grep -q "^$m[{ ]" "$W/metrics.txt" || { echo "missing: $m"; missing=1; }
  done
  return $missing
}

TC_STOP_ON_FAILURE=0
check health health
check ct-tree-head sth_before
TC_STOP_ON_FAILURE=1 check issue issue   # everything below needs the certificate
check verify-chain verify_chain
check ocsp-good ocsp_is good
check crl-absent crl_has_leaf absent
check ct-inclusion-consistency ct
check revoke revoke
check ocsp-revoked ocsp_is revoked
check crl-listed crl_has_leaf listed
check dns dns
check doq doq
check metrics metrics
tc_finish
