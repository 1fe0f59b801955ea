package online.hypermesh.trustchain.doq.zone;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;

/**
 * Builds DANE-EE TLSA records ("3 1 1"): the SHA-256 of the certificate's SubjectPublicKeyInfo.
 * Pinning the SPKI rather than the whole certificate lets a renewed certificate that keeps its key
 * stay valid, while a new key needs a new record (RFC 7671 section 5.1).
 */
public final class TlsaRecords {

    public static final int USAGE_DANE_EE = TLSARecord.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE;
    public static final int SELECTOR_SPKI = TLSARecord.Selector.SUBJECT_PUBLIC_KEY_INFO;
    public static final int MATCHING_SHA256 = TLSARecord.MatchingType.SHA256;

    private TlsaRecords() {
    }

    /** The certificate-association data of a 3 1 1 record: SHA-256 over the DER SubjectPublicKeyInfo. */
    public static byte[] fromSpki(byte[] subjectPublicKeyInfoDer) {
        if (subjectPublicKeyInfoDer == null || subjectPublicKeyInfoDer.length == 0) {
            throw new IllegalArgumentException("SubjectPublicKeyInfo DER is empty");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfoDer);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must ship SHA-256, so this is a broken JVM, not a caller error.
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Owner name {@code _<port>._tcp.<host>} as defined by RFC 6698 section 3. */
    public static Name ownerName(Name host, int port, String transport) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        try {
            return Name.concatenate(Name.fromString("_" + port + "._" + transport), host);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad TLSA prefix", e);
        } catch (org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException("TLSA owner name too long for " + host, e);
        }
    }

    /** A complete {@code _port._tcp.host IN TLSA 3 1 1 <sha256(spki)>} record. */
    public static TLSARecord daneEe(Name host, int port, long ttl, byte[] subjectPublicKeyInfoDer) {
        return new TLSARecord(ownerName(host, port, "tcp"), DClass.IN, ttl,
                USAGE_DANE_EE, SELECTOR_SPKI, MATCHING_SHA256, fromSpki(subjectPublicKeyInfoDer));
    }
}
