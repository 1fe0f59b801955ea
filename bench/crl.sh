#!/usr/bin/env bash
# CRL generation benchmark: builds, lints, signs and encodes a full CRL with N revoked entries
# (default 100000) through the server's own CrlBuilder and software token, R rounds (default 10).
# Usage: bench/crl.sh [entries] [rounds]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/trustchain-bench.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$jar" ]]; then
  echo "crl.sh: building $jar" >&2
  (cd "$here/.." && ./mvnw -B -q -pl bench -am package -DskipTests) >&2
fi
exec "$java" -Xmx2g -cp "$jar" online.hypermesh.trustchain.bench.CrlGenerationBench "$@"
