#!/usr/bin/env bash
# TrustChain side by side with peers, same load tool and concurrency for both, rounds interleaved:
#   ocsp      TrustChain /ocsp (RFC 5019, no nonce)  vs  openssl ocsp (one process, signs each answer)
#                                                    and cfssl ocspserve (pre-signed, -responses file)
#             driven by bench/ocsp.sh --certs-dir (closed loop, every connection carries a request)
#   dns       TrustChain mesh DNS over UDP  vs  nsd serving the same records; dnsperf, same query file
#   issuance  TrustChain REST issuance  vs  cfssl serve (certdb on PostgreSQL); bench/issuance.sh
# TrustChain is started once (fresh data dir under --work, port offset 4400, fsync and synchronous
# commit left on), warmed up with --warmup seconds of load per path, then A,B,A,B... rounds.
#
# Usage: bench/compare.sh [--quick] [--paths ocsp,dns,issuance] [--warmup S] [--round S] [--rounds N]
#                         [--concurrency N] [--dns-clients N] [--dns-outstanding N] [--certs N] [--work DIR]
#   --warmup S        seconds of unmeasured load on each side per path first (default 60)
#   --round S         measured seconds per round (default 20)
#   --rounds N        rounds per side (default 3)
#   --concurrency N   closed-loop workers for OCSP and issuance (default 16)
#   --dns-clients N / --dns-outstanding N   dnsperf -c / -q (default 2 / 32)
#   --certs N         certificates for the OCSP paths (default 200, 20 % revoked)
#   --work DIR        default bench/target/compare (summary.md goes there)
#   --quick           smoke run: warm-up 5 s, rounds 3 s, 2 rounds, 50 certs
# Needs: openssl, cfssl (apt golang-cfssl), nsd (apt nsd), dnsperf (apt dnsperf), dig (apt bind9-dnsutils),
# psql/createdb and a PostgreSQL at 127.0.0.1:5432 with trust auth for postgres (CFSSL_DB_URL overrides),
# a built tree (./mvnw install -DskipTests).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/target/compare"
warmup=60 round=20 rounds=3 conc=16 dns_c=2 dns_q=32 certs=200 paths="ocsp,dns,issuance"
offset=4400
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) warmup=5 round=3 rounds=2 certs=50; shift ;;
    --paths) paths="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --round) round="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --concurrency) conc="$2"; shift 2 ;;
    --dns-clients) dns_c="$2"; shift 2 ;;
    --dns-outstanding) dns_q="$2"; shift 2 ;;
    --certs) certs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

need() { command -v "$1" >/dev/null || { echo "compare.sh: $1 is missing (apt-get install $2)" >&2; exit 2; }; }
need openssl openssl; need cfssl golang-cfssl; need nsd nsd; need dnsperf dnsperf; need dig bind9-dnsutils
need psql postgresql-client; need createdb postgresql-client; need python3 python3; need curl curl
jar="$here/target/trustchain-bench.jar"
[[ -f "$jar" ]] || { echo "compare.sh: $jar is missing; build: ./mvnw -B install -DskipTests" >&2; exit 2; }

rm -rf "$work"; mkdir -p "$work"
log() { echo "compare.sh: $*" >&2; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM
rounds_file="$work/rounds.tsv"   # path side round value unit
: > "$rounds_file"
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$rounds_file"; printf '  %-9s %-22s round %s: %s %s\n' "$@"; }

# ---- TrustChain, once ----
tc_https=$((8443 + offset)) tc_http=$((8080 + offset)) tc_dns=$((8053 + offset))
data="$work/trustchain-data"
log "starting TrustChain (data $data, port offset $offset, log $work/trustchain.out)"
# The per-account rate limit (1,000 requests a minute by default) would answer most of the load 429:
# the benchmark measures the CA, not the limiter, so the admin account gets a limit it cannot reach.
TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE=1000000 "$root/trustchain" run --data-dir "$data" --port-offset "$offset" > "$work/trustchain.out" 2>&1 &
tc_pid=$!; pids+=("$tc_pid")
waited=0
until grep -q "TrustChain is ready" "$work/trustchain.out" 2>/dev/null; do
  if ! kill -0 "$tc_pid" 2>/dev/null || (( waited > 400 )); then log "TrustChain did not start"; tail -20 "$work/trustchain.out" >&2; exit 1; fi
  sleep 2; waited=$((waited + 2))
done
log "TrustChain ready after ${waited}s"

java_opts=(-XX:+UseParallelGC -Xms256m -Xmx256m)
ocsp_run() { # url certs-dir seconds warmup -> prints rps
  java "${java_opts[@]}" -cp "$jar" online.hypermesh.trustchain.bench.OcspBench --certs-dir "$2" --ocsp "$1" \
    --concurrency "$conc" --duration "$3" --warmup "$4" > "$work/last-ocsp.out" 2>&1 \
    || log "ocsp: the client against $1 ended with an error (the answer check afterwards); see $work/last-ocsp.out"
  local line errors
  line="$(grep '^RESULT ocsp_rps=' "$work/last-ocsp.out" | tail -1)"
  [[ -n "$line" ]] || { grep -v '^[[:space:]]*at ' "$work/last-ocsp.out" | tail -5 >&2; echo 0; return; }
  errors="$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<< "$line")"
  [[ "${errors:-0}" == 0 ]] || log "ocsp: $errors failed requests against $1 in this round"
  sed -n 's/^RESULT ocsp_rps=\([0-9.]*\).*/\1/p' <<< "$line"
}
issue_run() { # args... -> prints certificates issued per second (failed requests do not count; they are reported)
  java "${java_opts[@]}" -cp "$jar" online.hypermesh.trustchain.bench.IssuanceBench --concurrency "$conc" --csrs 500 --progress 60 "$@" \
    > "$work/last-issuance.out" 2>&1 || true
  local result
  result="$(grep '^RESULT ' "$work/last-issuance.out" | tail -1 | sed 's/^RESULT //')"
  if [[ -z "$result" ]]; then tail -5 "$work/last-issuance.out" >&2; echo 0; return; fi
  python3 -c 'import json,sys
r = json.loads(sys.argv[1])
if r["errors"]:
    print("compare.sh: issuance: %d of %d requests failed in this round %s (first failures in %s)" % (r["errors"], r["requests"], json.dumps(r["status"]), sys.argv[2]), file=sys.stderr)
print(r["issued_per_s"])' "$result" "$work/last-issuance.out"
  # Each round's full output is kept, so a failed one can be read afterwards.
  cp "$work/last-issuance.out" "$work/issuance-$(date +%H%M%S).out"
}
dns_run() { # port seconds -> qps
  dnsperf -s ::1 -p "$1" -d "$work/dns/queries.txt" -c "$dns_c" -T "$dns_c" -q "$dns_q" -l "$2" > "$work/last-dns.out" 2>&1 || true
  sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p' "$work/last-dns.out"
  lost="$(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$work/last-dns.out")"
  [[ "${lost:-0}" == 0 ]] || echo "compare.sh: dns: dnsperf lost $lost queries against port $1" >&2
}
interleave() { # path nameA cmdA nameB cmdB [nameC cmdC]
  local path="$1"; shift
  local -a names=() cmds=()
  while [[ $# -gt 0 ]]; do names+=("$1"); cmds+=("$2"); shift 2; done
  for ((r = 1; r <= rounds; r++)); do
    for i in "${!names[@]}"; do record "$path" "${names[$i]}" "$r" "$(eval "${cmds[$i]}")" "${unit}"; done
  done
}

# ---- a small CA made with openssl, for the peers ----
ca="$work/ca"; mkdir -p "$ca"
mkca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/ca.key" -out "$ca/ca.pem" \
    -subj "/CN=Compare Bench CA" -days 30 -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$ca/ocsp.key" -out "$ca/ocsp.csr" -subj "/CN=Compare OCSP" 2>/dev/null
  printf 'extendedKeyUsage=OCSPSigning\nkeyUsage=critical,digitalSignature\n' > "$ca/ocsp.ext"
  openssl x509 -req -in "$ca/ocsp.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -set_serial 1 -days 30 -extfile "$ca/ocsp.ext" -out "$ca/ocsp.pem" 2>/dev/null
}
mkca

# ---- 1. OCSP ----
if [[ ",$paths," == *,ocsp,* ]]; then
  unit="resp/s"
  log "ocsp: issuing $certs certificates through TrustChain (20 % revoked)"
  java "${java_opts[@]}" -cp "$jar" online.hypermesh.trustchain.bench.OcspBench --data-dir "$data" --base "https://[::1]:$tc_https" \
    --ocsp "http://[::1]:$tc_http/ocsp" --certs "$certs" --concurrency "$conc" --duration 1 --warmup 0 --write-certs "$work/ocsp-tc" \
    > "$work/ocsp-prep.out" 2>&1 || { tail -20 "$work/ocsp-prep.out" >&2; exit 1; }
  log "ocsp: $certs leaf certificates under the openssl CA, index.txt and cfssl responses"
  peer="$work/ocsp-peer"; mkdir -p "$peer"; : > "$peer/certs.pem"; : > "$peer/revoked.txt"; : > "$ca/index.txt"; : > "$peer/responses"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$peer/leaf.key" -out "$peer/leaf.csr" -subj "/CN=leaf" 2>/dev/null
  exp="$(date -u -d '+30 days' +%y%m%d%H%M%SZ)" now="$(date -u +%y%m%d%H%M%SZ)"
  revoked_n=$((certs / 5))
  for ((i = 0; i < certs; i++)); do
    serial=$((4096 + i)); hex="$(printf '%X' "$serial")"
    openssl x509 -req -in "$peer/leaf.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -set_serial "$serial" -days 30 \
      -subj "/CN=svc-$i.bench" -out "$peer/leaf-$i.pem" 2>/dev/null
    cat "$peer/leaf-$i.pem" >> "$peer/certs.pem"
    if (( i < revoked_n )); then
      printf 'R\t%s\t%s,keyCompromise\t%s\tunknown\t/CN=svc-%s.bench\n' "$exp" "$now" "$hex" "$i" >> "$ca/index.txt"
      echo "$hex" >> "$peer/revoked.txt"; status=(-status revoked -reason 1 -revoked-at now)
    else
      printf 'V\t%s\t\t%s\tunknown\t/CN=svc-%s.bench\n' "$exp" "$hex" "$i" >> "$ca/index.txt"; status=(-status good)
    fi
    cfssl ocspsign -ca "$ca/ca.pem" -responder "$ca/ocsp.pem" -responder-key "$ca/ocsp.key" -cert "$peer/leaf-$i.pem" \
      -interval 96h "${status[@]}" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["ocspResponse"])' >> "$peer/responses"
  done
  cp "$ca/ca.pem" "$peer/issuer.pem"
  ossl_port=$((20000 + offset)) cfssl_port=$((20001 + offset))
  openssl ocsp -index "$ca/index.txt" -port "$ossl_port" -rsigner "$ca/ocsp.pem" -rkey "$ca/ocsp.key" -CA "$ca/ca.pem" \
    -nmin 60 > "$work/openssl-ocsp.out" 2>&1 &
  pids+=("$!")
  cfssl ocspserve -address 127.0.0.1 -port "$cfssl_port" -responses "$peer/responses" > "$work/cfssl-ocspserve.out" 2>&1 &
  pids+=("$!")
  sleep 2
  log "ocsp: warm-up $warmup s each"
  ocsp_run "http://[::1]:$tc_http/ocsp" "$work/ocsp-tc" "$warmup" 0 >/dev/null
  ocsp_run "http://127.0.0.1:$ossl_port/" "$peer" "$warmup" 0 >/dev/null
  ocsp_run "http://127.0.0.1:$cfssl_port/" "$peer" "$warmup" 0 >/dev/null
  interleave ocsp trustchain "ocsp_run http://[::1]:$tc_http/ocsp $work/ocsp-tc $round 1" \
    "openssl-ocsp" "ocsp_run http://127.0.0.1:$ossl_port/ $peer $round 1" \
    "cfssl-ocspserve" "ocsp_run http://127.0.0.1:$cfssl_port/ $peer $round 1"
fi

# ---- 2. DNS over UDP ----
if [[ ",$paths," == *,dns,* ]]; then
  unit="qps"
  dns="$work/dns"; mkdir -p "$dns"
  : > "$dns/candidates.txt"
  for n in trust hypermesh caesar assets; do echo "$n.hypermesh.online AAAA" >> "$dns/candidates.txt"; done
  for ((i = 0; i < certs && i < 200; i++)); do echo "_443._tcp.svc-$i.bench.hypermesh.online TLSA" >> "$dns/candidates.txt"; done
  # The zone nsd serves is what TrustChain answers for the same queries (dig's answer section is zone-file syntax).
  { echo '$ORIGIN hypermesh.online.'; echo '$TTL 300'
    echo '@ IN SOA ns.hypermesh.online. hostmaster.hypermesh.online. 1 3600 600 86400 300'
    echo '@ IN NS ns.hypermesh.online.'; echo 'ns IN AAAA ::1'; } > "$dns/hypermesh.online.zone"
  : > "$dns/queries.txt"
  while read -r name type; do
    answer="$(dig @::1 -p "$tc_dns" +noall +answer +norecurse "$name" "$type" | grep -v '^;' | grep -E "[[:space:]]$type[[:space:]]" || true)"
    [[ -n "$answer" ]] || continue
    echo "$answer" >> "$dns/hypermesh.online.zone"; echo "$name $type" >> "$dns/queries.txt"
  done < "$dns/candidates.txt"
  [[ -s "$dns/queries.txt" ]] || { log "dns: TrustChain answered none of the queries"; exit 1; }
  log "dns: $(wc -l < "$dns/queries.txt") names with records (AAAA, TLSA) in both zones"
  nsd_port=$((20053 + offset))
  cat > "$dns/nsd.conf" <<EOF
server:
  ip-address: ::1@$nsd_port
  port: $nsd_port
  server-count: $(nproc)
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  username: ""
  chroot: ""
  zonesdir: "$dns"
  pidfile: "$dns/nsd.pid"
  database: ""
  xfrdfile: "$dns/xfrd.state"
  zonelistfile: "$dns/zone.list"
  logfile: "$dns/nsd.log"
  hide-version: yes
remote-control:
  control-enable: no
zone:
  name: hypermesh.online
  zonefile: "$dns/hypermesh.online.zone"
EOF
  nsd -d -c "$dns/nsd.conf" > "$dns/nsd.out" 2>&1 &
  pids+=("$!")
  sleep 1
  dig @::1 -p "$nsd_port" +short trust.hypermesh.online AAAA >/dev/null || { log "dns: nsd does not answer; see $dns/nsd.log"; exit 1; }
  log "dns: warm-up $warmup s each"
  dns_run "$tc_dns" "$warmup" >/dev/null; dns_run "$nsd_port" "$warmup" >/dev/null
  interleave dns trustchain "dns_run $tc_dns $round" nsd "dns_run $nsd_port $round"
fi

# ---- 3. Issuance ----
if [[ ",$paths," == *,issuance,* ]]; then
  unit="req/s"
  db_url="${CFSSL_DB_URL:-postgres://postgres@127.0.0.1:5432/cfssl_bench_compare?sslmode=disable}"
  db_name="${db_url##*/}"; db_name="${db_name%%\?*}"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db_name" >/dev/null
  createdb -h 127.0.0.1 -U postgres "$db_name"
  # cfssl's certdb schema (certdb/pg/migrations), columns of cfssl 1.2 and later.
  psql -h 127.0.0.1 -U postgres -d "$db_name" -q <<'SQL'
CREATE TABLE certificates (serial_number bytea NOT NULL, authority_key_identifier bytea NOT NULL, ca_label bytea,
  status bytea NOT NULL, reason int, expiry timestamptz, revoked_at timestamptz, pem bytea NOT NULL,
  issued_at timestamptz, not_before timestamptz, metadata jsonb, sans jsonb, common_name text,
  PRIMARY KEY (serial_number, authority_key_identifier));
CREATE TABLE ocsp_responses (serial_number bytea NOT NULL, authority_key_identifier bytea NOT NULL, body bytea NOT NULL,
  expiry timestamptz, PRIMARY KEY (serial_number, authority_key_identifier),
  FOREIGN KEY (serial_number, authority_key_identifier) REFERENCES certificates (serial_number, authority_key_identifier));
SQL
  printf '{"driver":"postgres","data_source":"%s"}\n' "$db_url" > "$work/cfssl-db.json"
  printf '{"signing":{"default":{"expiry":"24h","usages":["digital signature","key encipherment","server auth"]}}}\n' > "$work/cfssl-config.json"
  cfssl_api=$((20888 + offset))
  cfssl serve -address 127.0.0.1 -port "$cfssl_api" -ca "$ca/ca.pem" -ca-key "$ca/ca.key" -config "$work/cfssl-config.json" \
    -db-config "$work/cfssl-db.json" > "$work/cfssl-serve.out" 2>&1 &
  pids+=("$!")
  sleep 2
  tc_args=(--data-dir "$data" --url "https://[::1]:$tc_https")
  cf_args=(--form cfssl --url "http://127.0.0.1:$cfssl_api")
  log "issuance: warm-up $warmup s each"
  issue_run "${tc_args[@]}" --warmup 0 --duration "$warmup" >/dev/null; issue_run "${cf_args[@]}" --warmup 0 --duration "$warmup" >/dev/null
  interleave issuance trustchain "issue_run ${tc_args[*]} --warmup 1 --duration $round" \
    "cfssl-serve" "issue_run ${cf_args[*]} --warmup 1 --duration $round"
  rows="$(psql -h 127.0.0.1 -U postgres -d "$db_name" -Atc 'select count(*) from certificates')"
  log "issuance: cfssl's certdb holds $rows certificates"
fi

# ---- summary ----
python3 - "$rounds_file" "$work/summary.md" "$conc" "$dns_c" "$dns_q" "$warmup" "$round" "$rounds" <<'PY'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = collections.OrderedDict()
for path, side, rnd, value, unit in rows:
    by.setdefault(path, collections.OrderedDict()).setdefault(side, []).append(float(value or 0))
    by[path]["_unit"] = unit
out = [f"Settings: concurrency {sys.argv[3]} (OCSP, issuance), dnsperf -c {sys.argv[4]} -q {sys.argv[5]}, warm-up {sys.argv[6]} s per side, "
       f"rounds of {sys.argv[7]} s, {sys.argv[8]} per side, interleaved.", "",
       "| path | unit | TrustChain median | peer | peer median | ratio TrustChain/peer |", "|---|---|---|---|---|---|"]
for path, sides in by.items():
    unit = sides.pop("_unit")
    tc = statistics.median(sides.pop("trustchain", [0]))
    for peer, values in sides.items():
        m = statistics.median(values)
        out.append(f"| {path} | {unit} | {tc:,.0f} | {peer} | {m:,.0f} | {tc / m:.2f} |" if m else f"| {path} | {unit} | {tc:,.0f} | {peer} | 0 | n/a |")
text = "\n".join(out) + "\n"
open(sys.argv[2], "w").write(text)
print(); print(text)
PY
log "per-round figures: $rounds_file; summary: $work/summary.md"
