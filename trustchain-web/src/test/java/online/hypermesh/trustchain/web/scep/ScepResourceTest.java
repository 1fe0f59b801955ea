package online.hypermesh.trustchain.web.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The GET form of PKIOperation: the message as clients put it in the query. */
class ScepResourceTest {
    private static final byte[] DER = {0x30, (byte) 0xfb, (byte) 0xff, 0x3e, 0x01};

    @Test
    void decode_acceptsBase64_percentEncodedOrNot_keepingPlusAsADigit() {
        String b64 = Base64.getEncoder().encodeToString(DER);
        assertArrayEquals(DER, ScepResource.decode(b64));
        assertArrayEquals(DER, ScepResource.decode(b64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")));
    }

    @Test
    void decode_acceptsBase64url_asMicromdmSendsIt() {
        assertArrayEquals(DER, ScepResource.decode(Base64.getUrlEncoder().encodeToString(DER)));
    }

    @Test
    void decode_refusesWhatIsNotBase64() {
        assertNull(ScepResource.decode("%zz"));
        assertNull(ScepResource.decode("not base64!"));
    }
}
