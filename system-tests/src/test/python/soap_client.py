#!/usr/bin/env python3
"""SoapBlackBoxIT's independent SOAP client: Debian's python3-zeep against TrustChain's /ws/.

One step per invocation, so the Java test keeps the order and checks each result with openssl:

  soap_client.py WSDL ROOT_PEM STEP [ARGS...]

The bearer token, if any, is in the environment (SOAP_TOKEN), never on the command line; or a
TLS client certificate and its key (SOAP_CLIENT_CERT, SOAP_CLIENT_KEY: PEM files). Each
step prints one JSON object on stdout; a SOAP fault prints {"fault": {...}} with the fault code,
the faultstring and the problem of its detail, and exits 3. Any other failure exits 1.
"""
import base64
import json
import os
import sys

import requests
import zeep
from zeep.exceptions import Fault
from zeep.transports import Transport

NS = "urn:trustchain:ws:v1"


def client(wsdl, root_pem):
    session = requests.Session()
    # Only TrustChain's root: requests would let REQUESTS_CA_BUNDLE (and proxies) from the environment override it.
    session.trust_env = False
    session.verify = root_pem
    token = os.environ.get("SOAP_TOKEN")
    if token:
        session.headers["Authorization"] = "Bearer " + token
    if os.environ.get("SOAP_CLIENT_CERT"):
        # Mutual TLS: the certificate (with its chain) and key of a bound client identity, instead of a token.
        session.cert = (os.environ["SOAP_CLIENT_CERT"], os.environ["SOAP_CLIENT_KEY"])
    return zeep.Client(wsdl, transport=Transport(session=session))


def problem_of(fault):
    detail = fault.detail
    entry = detail.find("{%s}problem" % NS) if detail is not None else None
    if entry is None:
        return None
    fields = {}
    for name in ("type", "title", "status", "detail", "retryAfter"):
        e = entry.find("{%s}%s" % (NS, name))
        if e is not None:
            fields[name] = int(e.text) if name in ("status", "retryAfter") else e.text
    return fields


def certificate(c):
    return {"serialNumber": c.serialNumber, "status": c.status, "issuer": c.issuer, "profile": c.profile,
            "subject": c.subject, "names": list(c.name or []), "revocationReason": c.revocationReason,
            "notAfter": c.notAfter.isoformat() if c.notAfter else None, "certificate": c.certificate}


def run(service, step, args):
    if step == "operations":
        binding = next(iter(next(iter(service._binding.wsdl.services.values())).ports.values())).binding
        return {"operations": sorted(binding._operations.keys()), "address": service._binding_options["address"]}
    if step == "issue":
        csr_file, profile = args[0], args[1]
        with open(csr_file, "rb") as f:
            csr = f.read()
        kwargs = {"csr": csr, "profile": profile}
        if len(args) > 2:
            kwargs["validityHours"] = int(args[2])
        r = service.issueCertificate(**kwargs)
        return {"serialNumber": r.serialNumber, "certificate": r.certificate, "chain": "".join(r.chain),
                "issuer": r.issuer, "profile": r.profile, "notAfter": r.notAfter.isoformat()}
    if step == "get":
        # The response's only element, the certificate, is what zeep returns.
        return certificate(service.getCertificate(serialNumber=args[0]))
    if step == "search":
        r = service.searchCertificates(san=args[0], status=args[1] if len(args) > 1 else None, limit=50)
        return {"certificates": [certificate(c) for c in (r.certificate or [])], "nextPageToken": r.nextPageToken}
    if step == "revoke":
        return certificate(service.revokeCertificate(serialNumber=args[0], reason=args[1]))
    if step == "ca-certificates":
        out = []
        # zeep returns a response's only element itself: here the list of authorities.
        for a in service.getCaCertificates():
            out.append({"id": a.id, "parent": a.parent, "status": a.status,
                        "pem": "-----BEGIN CERTIFICATE-----\n" + base64.encodebytes(a.certificate).decode()
                               + "-----END CERTIFICATE-----\n"})
        return {"authorities": out}
    if step == "crl":
        issuer, delta, out_file = args[0], args[1] == "delta", args[2]
        r = service.getCrl(issuer=issuer, delta=delta)
        with open(out_file, "wb") as f:
            f.write(r.crl)
        return {"number": r.number, "thisUpdate": r.thisUpdate.isoformat(), "nextUpdate": r.nextUpdate.isoformat()}
    raise SystemExit("unknown step " + step)


def main():
    wsdl, root_pem, step, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    service = client(wsdl, root_pem).service
    try:
        print(json.dumps(run(service, step, args), separators=(",", ":")))
    except Fault as fault:
        print(json.dumps({"fault": {"code": fault.code, "message": fault.message, "problem": problem_of(fault)}}, separators=(",", ":")))
        sys.exit(3)


if __name__ == "__main__":
    main()
