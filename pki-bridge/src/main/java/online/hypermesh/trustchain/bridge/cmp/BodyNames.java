package online.hypermesh.trustchain.bridge.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;

/** The names RFC 4210 5.1.2 gives the PKIBody choices. */
final class BodyNames {
    private static final String[] NAMES = {"ir", "ip", "cr", "cp", "p10cr", "popdecc", "popdecr", "kur", "kup", "krr", "krp", "rr", "rp",
            "ccr", "ccp", "ckuann", "cann", "rann", "crlann", "pkiconf", "nested", "genm", "genp", "error", "certConf", "pollReq", "pollRep"};

    private BodyNames() {
    }

    static String of(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : "body type " + type;
    }

    static {
        assert NAMES[PKIBody.TYPE_CERT_CONFIRM].equals("certConf");
    }
}
