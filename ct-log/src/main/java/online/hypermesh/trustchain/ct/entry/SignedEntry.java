package online.hypermesh.trustchain.ct.entry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

import online.hypermesh.trustchain.ct.tls.TlsReader;
import online.hypermesh.trustchain.ct.tls.TlsWriter;

/**
 * The {@code entry_type} and {@code signed_entry} of RFC 6962 section 3.4: for an
 * {@code x509_entry} the leaf certificate ({@code ASN.1Cert}); for a {@code precert_entry} the
 * {@code PreCert} of the issuer's key hash and the TBSCertificate without the poison extension.
 * This is what an SCT's signature and the Merkle leaf commit to, besides timestamp and extensions.
 */
public final class SignedEntry {
    private final LogEntryType type;
    private final byte[] certificate;
    private final byte[] issuerKeyHash;

    private SignedEntry(LogEntryType type, byte[] certificate, byte[] issuerKeyHash) {
        this.type = type;
        this.certificate = certificate;
        this.issuerKeyHash = issuerKeyHash;
    }

    /** An {@code x509_entry}: the DER end-entity certificate. */
    public static SignedEntry x509(byte[] certificateDer) {
        return new SignedEntry(LogEntryType.X509_ENTRY, requireLength(certificateDer), null);
    }

    /** A {@code precert_entry}: SHA-256 of the issuer's SubjectPublicKeyInfo and the DER TBSCertificate. */
    public static SignedEntry precert(byte[] issuerKeyHash, byte[] tbsCertificateDer) {
        Objects.requireNonNull(issuerKeyHash, "issuerKeyHash");
        if (issuerKeyHash.length != Limits.HASH) {
            throw new IllegalArgumentException("issuer_key_hash must be 32 bytes");
        }
        return new SignedEntry(LogEntryType.PRECERT_ENTRY, requireLength(tbsCertificateDer), issuerKeyHash.clone());
    }

    public LogEntryType type() {
        return type;
    }

    /** The leaf certificate (x509_entry) or the TBSCertificate (precert_entry), DER. */
    public byte[] certificate() {
        return certificate.clone();
    }

    /** The issuer_key_hash of a precert_entry; null for an x509_entry. */
    public byte[] issuerKeyHash() {
        return issuerKeyHash == null ? null : issuerKeyHash.clone();
    }

    /** Writes {@code entry_type} then the {@code signed_entry} body. */
    public void writeTo(TlsWriter w) {
        w.u16(type.code());
        if (type == LogEntryType.PRECERT_ENTRY) {
            w.fixed(issuerKeyHash, Limits.HASH);
        }
        w.vector(certificate, 1, Limits.ASN1_CERT_MAX);
    }

    /** Reads {@code entry_type} and the {@code signed_entry} body. */
    public static SignedEntry readFrom(TlsReader r) {
        LogEntryType type = LogEntryType.fromCode(r.u16());
        if (type == LogEntryType.PRECERT_ENTRY) {
            byte[] keyHash = r.fixed(Limits.HASH);
            return new SignedEntry(type, r.vector(1, Limits.ASN1_CERT_MAX), keyHash);
        }
        return new SignedEntry(type, r.vector(1, Limits.ASN1_CERT_MAX), null);
    }

    /**
     * SHA-256 of the type and body: what makes two submissions "the same entry" whatever their
     * timestamps, so the log can return the first SCT for a repeated submission.
     */
    public byte[] identityHash() {
        TlsWriter w = new TlsWriter(certificate.length + 40);
        writeTo(w);
        try {
            return MessageDigest.getInstance("SHA-256").digest(w.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEntry other && type == other.type && Arrays.equals(certificate, other.certificate)
                && Arrays.equals(issuerKeyHash, other.issuerKeyHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(certificate), Arrays.hashCode(issuerKeyHash));
    }

    private static byte[] requireLength(byte[] der) {
        Objects.requireNonNull(der, "certificate");
        if (der.length < 1 || der.length > Limits.ASN1_CERT_MAX) {
            throw new IllegalArgumentException("certificate length " + der.length + " outside <1..2^24-1>");
        }
        return der.clone();
    }
}
