package online.hypermesh.trustchain.witness.verifier;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The DER of an RFC 6960 OCSPRequest for one certificate (4.1.1: no nonce, unsigned), its CertID
 * with SHA-1 as RFC 5019 2.1.1 asks of lightweight responders: the hash of the issuer's DER name
 * and of its subjectPublicKey BIT STRING value (without tag, length and unused-bits octet).
 */
final class OcspRequests {
    private static final byte[] SHA1_ALGORITHM = {0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00};

    private OcspRequests() {
    }

    static byte[] of(X509Certificate leaf, X509Certificate issuer) throws GeneralSecurityException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] nameHash = sha1.digest(issuer.getSubjectX500Principal().getEncoded());
        byte[] spki = issuer.getPublicKey().getEncoded();
        List<Der.Tlv> parts = Der.children(Der.read(spki, 0, spki.length));
        Der.Tlv bits = parts.get(1);
        byte[] keyHash;
        sha1.reset();
        sha1.update(spki, bits.contentStart() + 1, bits.end() - bits.contentStart() - 1);
        keyHash = sha1.digest();
        byte[] certId = Der.encode(0x30, concat(SHA1_ALGORITHM, Der.encode(0x04, nameHash), Der.encode(0x04, keyHash),
                Der.encode(0x02, leaf.getSerialNumber().toByteArray())));
        byte[] request = Der.encode(0x30, certId);
        byte[] requestList = Der.encode(0x30, request);
        byte[] tbsRequest = Der.encode(0x30, requestList);
        return Der.encode(0x30, tbsRequest);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
