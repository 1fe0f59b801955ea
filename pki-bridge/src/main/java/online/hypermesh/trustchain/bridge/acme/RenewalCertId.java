package online.hypermesh.trustchain.bridge.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The ARI certificate identifier (RFC 9773 4.1): base64url of the certificate's Authority Key
 * Identifier keyIdentifier, a dot, and base64url of its serial number's DER INTEGER content
 * octets (so a serial with the high bit set keeps its leading zero byte).
 */
public record RenewalCertId(byte[] keyIdentifier, BigInteger serial) {
    public RenewalCertId {
        keyIdentifier = keyIdentifier.clone();
    }

    @Override
    public byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }

    /** @throws AcmeProblem malformed if the text is not two unpadded base64url parts, a key identifier and a positive serial */
    public static RenewalCertId parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.') || dot == text.length() - 1) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, "a certificate identifier is base64url(AKI keyIdentifier) \".\""
                    + " base64url(serial), RFC 9773 4.1");
        }
        byte[] aki = Base64Url.decode(text.substring(0, dot), "the certificate identifier's key identifier");
        byte[] serial = Base64Url.decode(text.substring(dot + 1), "the certificate identifier's serial");
        // DER INTEGER content: minimal (no redundant leading 0x00 or 0xff) and, for a serial, positive.
        if (serial.length == 0 || serial[0] < 0 || serial.length > 1 && serial[0] == 0 && serial[1] >= 0) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, "the certificate identifier's serial is not the DER encoding of a positive integer");
        }
        return new RenewalCertId(aki, new BigInteger(serial));
    }

    /** The identifier of a certificate; empty key identifier if it has no AKI (which this CA's certificates always have). */
    public static RenewalCertId of(X509CertificateHolder certificate) {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(certificate.getExtensions());
        byte[] keyId = aki == null || aki.getKeyIdentifierOctets() == null ? new byte[0] : aki.getKeyIdentifierOctets();
        return new RenewalCertId(keyId, certificate.getSerialNumber());
    }

    public static RenewalCertId of(byte[] der) {
        try {
            return of(new X509CertificateHolder(der));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DER certificate", e);
        }
    }

    /** True if this identifier names {@code certificate}: the same serial and the same authority key. */
    public boolean names(X509CertificateHolder certificate) {
        return keyIdentifier.length > 0 && of(certificate).equals(this);
    }

    /** The text form, as clients send it and the order's "replaces" reflects it. */
    public String text() {
        return Base64Url.encode(keyIdentifier) + "." + Base64Url.encode(serial.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenewalCertId other && Arrays.equals(keyIdentifier, other.keyIdentifier) && serial.equals(other.serial);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keyIdentifier) + serial.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
