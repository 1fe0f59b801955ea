package online.hypermesh.trustchain.witness.verifier;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/** The OCSP responder URL of a certificate's Authority Information Access extension (RFC 5280 4.2.2.1). */
final class Aia {
    private static final String AIA_OID = "1.3.6.1.5.5.7.1.1";
    /** id-ad-ocsp, 1.3.6.1.5.5.7.48.1, as DER (tag and length included). */
    private static final byte[] OCSP = {0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
    /** GeneralName uniformResourceIdentifier [6] IA5String, implicitly tagged. */
    private static final int URI_TAG = 0x86;

    private Aia() {
    }

    static Optional<String> ocspUrl(X509Certificate c) {
        byte[] ext = c.getExtensionValue(AIA_OID);
        if (ext == null) {
            return Optional.empty();
        }
        byte[] value = Der.octets(ext);
        Der.Tlv seq = Der.read(value, 0, value.length);
        for (Der.Tlv description : Der.children(seq)) {
            var parts = Der.children(description);
            if (parts.size() == 2 && Arrays.equals(parts.get(0).encoded(), OCSP) && parts.get(1).tag() == URI_TAG) {
                Der.Tlv uri = parts.get(1);
                return Optional.of(new String(value, uri.contentStart(), uri.end() - uri.contentStart(), StandardCharsets.US_ASCII));
            }
        }
        return Optional.empty();
    }
}
