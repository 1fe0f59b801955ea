package online.hypermesh.trustchain.witness.verifier;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to rebuild the precertificate's TBSCertificate from the final certificate (RFC
 * 6962 3.2: the TBS without the SCT list extension) without a full ASN.1 library in the jar. Only
 * definite lengths, as DER requires; anything else is refused.
 */
final class Der {
    /** The DER of OID 1.3.6.1.4.1.11129.2.4.2 (the embedded SCT list), tag and length included. */
    static final byte[] SCT_LIST_OID = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0xd6, 0x79, 0x02, 0x04, 0x02};

    private Der() {
    }

    /** One TLV: its tag, and where its content lies in {@code buf}. */
    record Tlv(int tag, byte[] buf, int start, int contentStart, int end) {
        byte[] encoded() {
            return Arrays.copyOfRange(buf, start, end);
        }
    }

    static Tlv read(byte[] buf, int at, int limit) {
        if (at + 2 > limit) {
            throw new IllegalArgumentException("truncated DER at " + at);
        }
        int tag = buf[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tags are not expected in a TBSCertificate");
        }
        int len = buf[at + 1] & 0xff;
        int p = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 3 || p + n > limit) {
                throw new IllegalArgumentException("bad DER length at " + at);
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (buf[p++] & 0xff);
            }
        }
        if (p + len > limit) {
            throw new IllegalArgumentException("DER element at " + at + " runs past its container");
        }
        return new Tlv(tag, buf, at, p, p + len);
    }

    static List<Tlv> children(Tlv parent) {
        List<Tlv> out = new ArrayList<>();
        int p = parent.contentStart();
        while (p < parent.end()) {
            Tlv t = read(parent.buf(), p, parent.end());
            out.add(t);
            p = t.end();
        }
        return out;
    }

    static byte[] encode(int tag, byte[] content) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(content.length + 6);
        o.write(tag);
        int len = content.length;
        if (len < 0x80) {
            o.write(len);
        } else if (len < 0x100) {
            o.write(0x81);
            o.write(len);
        } else if (len < 0x10000) {
            o.write(0x82);
            o.write(len >> 8);
            o.write(len);
        } else {
            o.write(0x83);
            o.write(len >> 16);
            o.write(len >> 8);
            o.write(len);
        }
        o.writeBytes(content);
        return o.toByteArray();
    }

    /** The TBSCertificate with the extension of the given OID (DER, tag included) removed. */
    static byte[] tbsWithout(byte[] tbs, byte[] oid) {
        Tlv seq = read(tbs, 0, tbs.length);
        if (seq.tag() != 0x30 || seq.end() != tbs.length) {
            throw new IllegalArgumentException("a TBSCertificate is one DER SEQUENCE");
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream(tbs.length);
        for (Tlv field : children(seq)) {
            if (field.tag() != 0xa3) {
                content.writeBytes(field.encoded());
                continue;
            }
            // [3] EXPLICIT Extensions ::= SEQUENCE OF Extension; Extension ::= SEQUENCE { extnID, ... }
            Tlv exts = read(tbs, field.contentStart(), field.end());
            ByteArrayOutputStream kept = new ByteArrayOutputStream(exts.end() - exts.start());
            for (Tlv ext : children(exts)) {
                Tlv id = read(tbs, ext.contentStart(), ext.end());
                if (!Arrays.equals(id.encoded(), oid)) {
                    kept.writeBytes(ext.encoded());
                }
            }
            // As the log rebuilds it: an Extensions field left empty is left out (it is SIZE (1..MAX)).
            if (kept.size() > 0) {
                content.writeBytes(encode(0xa3, encode(0x30, kept.toByteArray())));
            }
        }
        return encode(0x30, content.toByteArray());
    }

    /** The content of a DER OCTET STRING (what getExtensionValue wraps an extension's value in). */
    static byte[] octets(byte[] der) {
        Tlv t = read(der, 0, der.length);
        if (t.tag() != 0x04 || t.end() != der.length) {
            throw new IllegalArgumentException("expected one DER OCTET STRING");
        }
        return Arrays.copyOfRange(der, t.contentStart(), t.end());
    }
}
