package online.hypermesh.trustchain.bridge.scep;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** The authenticated attributes of a pkiMessage (RFC 8894 3.2.1), under id-VeriSign pki attributes. */
final class ScepAttributes {
    private static final ASN1ObjectIdentifier BASE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9");
    static final ASN1ObjectIdentifier MESSAGE_TYPE = BASE.branch("2");
    static final ASN1ObjectIdentifier PKI_STATUS = BASE.branch("3");
    static final ASN1ObjectIdentifier FAIL_INFO = BASE.branch("4");
    static final ASN1ObjectIdentifier SENDER_NONCE = BASE.branch("5");
    static final ASN1ObjectIdentifier RECIPIENT_NONCE = BASE.branch("6");
    static final ASN1ObjectIdentifier TRANSACTION_ID = BASE.branch("7");

    private ScepAttributes() {
    }
}
