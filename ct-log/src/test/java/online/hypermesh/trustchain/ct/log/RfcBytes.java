package online.hypermesh.trustchain.ct.log;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signed structures of RFC 6962 built by hand, byte by byte, independently of the codec
 * under test, and checked with a plain JDK {@link Signature}.
 */
final class RfcBytes {

    private RfcBytes() {
    }

    /** digitally-signed struct of an x509_entry SCT (RFC 6962 section 3.2). */
    static byte[] sctInputX509(long timestamp, byte[] certificate, byte[] extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0); // sct_version v1
        out.write(0); // signature_type certificate_timestamp
        out.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
        out.write(0);
        out.write(0); // entry_type x509_entry
        out.write(certificate.length >>> 16);
        out.write(certificate.length >>> 8);
        out.write(certificate.length);
        out.writeBytes(certificate);
        out.write(extensions.length >>> 8);
        out.write(extensions.length);
        out.writeBytes(extensions);
        return out.toByteArray();
    }

    /** TreeHeadSignature (RFC 6962 section 3.5). */
    static byte[] treeHeadInput(long timestamp, long treeSize, byte[] root) {
        return ByteBuffer.allocate(2 + 8 + 8 + 32).put((byte) 0).put((byte) 1).putLong(timestamp).putLong(treeSize).put(root).array();
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] derSignature) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(key);
        v.update(message);
        return v.verify(derSignature);
    }
}
