package online.hypermesh.trustchain.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class IssueRequestParserTest {

    private static IssueRequestParser.IssueRequest parse(String json) {
        return IssueRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String rejection(String json) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> parse(json));
        assertTrue(e.kind() == ErrorKind.MALFORMED_REQUEST || e.kind() == ErrorKind.POLICY_VIOLATION, e.kind().toString());
        return e.getMessage();
    }

    @Test
    void parse_readsAllFields() {
        var r = parse("{\"csr\":\"PEM\",\"profile\":\"client\",\"validity_hours\":48,\"region\":\"eu-west-1\"}");
        assertEquals("PEM", r.csr());
        assertEquals("client", r.profile());
        assertEquals(48, r.validityHours());
        assertEquals("eu-west-1", r.region());
    }

    @Test
    void parse_optionalFieldsMayBeAbsentOrNull() {
        var r = parse("{\"csr\":\"PEM\",\"profile\":null}");
        assertNull(r.profile());
        assertNull(r.validityHours());
        assertNull(r.region());
    }

    @Test
    void parse_rejectsBadBodiesNamingTheProblem() {
        assertTrue(rejection("not json").contains("not valid JSON"));
        assertTrue(rejection("[1,2]").contains("JSON object"));
        assertTrue(rejection("{}").contains("'csr' is required"));
        assertTrue(rejection("{\"csr\":\"  \"}").contains("'csr' is required"));
        assertTrue(rejection("{\"csr\":42}").contains("'csr' must be a string"));
        assertTrue(rejection("{\"csr\":\"PEM\",\"validity_hours\":\"24\"}").contains("whole number"));
        assertTrue(rejection("{\"csr\":\"PEM\",\"validity_hours\":1.5}").contains("whole number"));
        assertTrue(rejection("{\"csr\":\"PEM\",\"validity_hours\":99999999999}").contains("out of range"));
        assertTrue(rejection("{\"csr\":\"PEM\",\"validity\":24}").contains("unknown field 'validity'"));
    }

    @Test
    void boundedBody_refusesBodiesOverTheLimit() {
        byte[] big = new byte[BoundedBody.MAX_BYTES + 1];
        TrustChainException e = assertThrows(TrustChainException.class, () -> BoundedBody.read(new ByteArrayInputStream(big)));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        assertEquals(BoundedBody.MAX_BYTES, BoundedBody.read(new ByteArrayInputStream(new byte[BoundedBody.MAX_BYTES])).length);
    }
}
