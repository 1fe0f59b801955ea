#!/usr/bin/env python3
"""Checks a certificate's Certificate Transparency evidence against a TrustChain log, from outside.

Standard library only, plus openssl for the ECDSA signatures. Used by validate-deployment.sh:

  ct_verify.py sth    --ct-url URL --ca-file CA > sth.json
      get-sth, its signature verified with the key from /log.json.
  ct_verify.py verify --ct-url URL --ca-file CA --leaf leaf.pem --before sth.json
      the leaf's embedded SCT names this log (log ID), its leaf_index extension (static-ct-api)
      points at a precertificate entry with the SCT's timestamp, that entry's inclusion proof
      (RFC 9162 2.1.3.2) leads to the current signed tree head, and the tree head taken before
      is consistent with it (RFC 9162 2.1.4.2).
Exit status 0 when every check holds; otherwise 1 and the reason on stderr.
"""
import argparse, base64, hashlib, json, os, ssl, struct, subprocess, sys, tempfile, urllib.request

SCT_LIST_OID = bytes.fromhex("060a2b06010401d679020402")  # 1.3.6.1.4.1.11129.2.4.2


class Failure(Exception):
    pass


def fetch(ctx, url):
    with urllib.request.urlopen(url, context=ctx, timeout=30) as r:
        return json.loads(r.read())


def der_length(data, i):
    first = data[i]
    if first < 0x80:
        return first, i + 1
    n = first & 0x7F
    return int.from_bytes(data[i + 1:i + 1 + n], "big"), i + 1 + n


def der_element(data, i, tag):
    if data[i] != tag:
        raise Failure("unexpected DER tag %#x where %#x was expected" % (data[i], tag))
    length, start = der_length(data, i + 1)
    return data[start:start + length], start + length


def sct_list(cert_der):
    at = cert_der.find(SCT_LIST_OID)
    if at < 0:
        raise Failure("the certificate has no embedded SCT list (extension 1.3.6.1.4.1.11129.2.4.2)")
    i = at + len(SCT_LIST_OID)
    if cert_der[i] == 0x01:  # critical BOOLEAN
        _, i = der_element(cert_der, i, 0x01)
    outer, _ = der_element(cert_der, i, 0x04)
    tls, _ = der_element(outer, 0, 0x04)
    total = struct.unpack(">H", tls[:2])[0]
    body, scts, j = tls[2:2 + total], [], 0
    while j < len(body):
        n = struct.unpack(">H", body[j:j + 2])[0]
        scts.append(body[j + 2:j + 2 + n])
        j += 2 + n
    return scts


def parse_sct(sct):
    if sct[0] != 0:
        raise Failure("SCT version %d is not v1" % sct[0])
    log_id, timestamp = sct[1:33], struct.unpack(">Q", sct[33:41])[0]
    ext_len = struct.unpack(">H", sct[41:43])[0]
    extensions, leaf_index, k = sct[43:43 + ext_len], None, 0
    while k < len(extensions):
        ext_type, n = extensions[k], struct.unpack(">H", extensions[k + 1:k + 3])[0]
        if ext_type == 0 and n == 5:
            leaf_index = int.from_bytes(extensions[k + 3:k + 8], "big")
        k += 3 + n
    return log_id, timestamp, leaf_index


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf_hash, index, size, path, root):
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            raise Failure("inclusion proof longer than the tree allows")
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r != root:
        raise Failure("the inclusion proof does not lead to the signed tree head's root")


def verify_consistency(first, first_root, second, second_root, path):
    if first == second:
        if path or first_root != second_root:
            raise Failure("same tree size, different roots: the log forked")
        return
    if first == 0:
        return
    if first & (first - 1) == 0:
        path = [first_root] + path
    if not path:
        raise Failure("empty consistency proof")
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise Failure("consistency proof longer than the tree allows")
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    if fr != first_root or sr != second_root or sn != 0:
        raise Failure("the consistency proof does not connect the two tree heads: the log is not append-only")


def verify_sth(sth, key_der):
    signed = struct.pack(">BBQQ", 0, 1, sth["timestamp"], sth["tree_size"]) + base64.b64decode(sth["sha256_root_hash"])
    ds = base64.b64decode(sth["tree_head_signature"])
    if ds[0] != 4 or ds[1] != 3:
        raise Failure("tree head signature is not ECDSA with SHA-256")
    n = struct.unpack(">H", ds[2:4])[0]
    with tempfile.TemporaryDirectory() as d:
        key, sig, msg = (os.path.join(d, f) for f in ("key.der", "sig", "msg"))
        open(key, "wb").write(key_der)
        open(sig, "wb").write(ds[4:4 + n])
        open(msg, "wb").write(signed)
        r = subprocess.run(["openssl", "dgst", "-sha256", "-keyform", "DER", "-verify", key, "-signature", sig, msg],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise Failure("the signed tree head's signature does not verify with the log's key")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["sth", "verify"])
    ap.add_argument("--ct-url", required=True)
    ap.add_argument("--ca-file", required=True)
    ap.add_argument("--leaf")
    ap.add_argument("--before")
    a = ap.parse_args()
    ctx = ssl.create_default_context(cafile=a.ca_file)
    base = a.ct_url.rstrip("/")
    log = fetch(ctx, base + "/log.json")
    key = base64.b64decode(log["key"])
    sth = fetch(ctx, base + "/ct/v1/get-sth")
    verify_sth(sth, key)
    if a.command == "sth":
        json.dump(sth, sys.stdout)
        return
    pem = open(a.leaf).read()
    cert = base64.b64decode("".join(pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0].split()))
    ours = [s for s in map(parse_sct, sct_list(cert)) if s[0] == base64.b64decode(log["log_id"])]
    if not ours:
        raise Failure("no SCT from this log (log ID %s) in the certificate" % log["log_id"])
    _, timestamp, index = ours[0]
    if index is None:
        raise Failure("the SCT has no leaf_index extension")
    if index >= sth["tree_size"]:
        raise Failure("leaf index %d is beyond the signed tree (size %d)" % (index, sth["tree_size"]))
    proof = fetch(ctx, "%s/ct/v1/get-entry-and-proof?leaf_index=%d&tree_size=%d" % (base, index, sth["tree_size"]))
    leaf = base64.b64decode(proof["leaf_input"])
    version, leaf_type, entry_time, entry_type = struct.unpack(">BBQH", leaf[:12])
    if version != 0 or leaf_type != 0 or entry_type != 1:
        raise Failure("entry %d is not a precertificate entry" % index)
    if entry_time != timestamp:
        raise Failure("entry %d has timestamp %d, the SCT %d" % (index, entry_time, timestamp))
    verify_inclusion(hashlib.sha256(b"\x00" + leaf).digest(), index, sth["tree_size"],
                     [base64.b64decode(p) for p in proof["audit_path"]], base64.b64decode(sth["sha256_root_hash"]))
    before = json.load(open(a.before))
    consistency = fetch(ctx, "%s/ct/v1/get-sth-consistency?first=%d&second=%d" % (base, before["tree_size"], sth["tree_size"]))
    verify_consistency(before["tree_size"], base64.b64decode(before["sha256_root_hash"]), sth["tree_size"],
                       base64.b64decode(sth["sha256_root_hash"]), [base64.b64decode(p) for p in consistency["consistency"]])
    print("entry %d included in the tree of size %d; consistent with size %d" % (index, sth["tree_size"], before["tree_size"]))


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print("ct_verify: " + str(e), file=sys.stderr)
        sys.exit(1)
