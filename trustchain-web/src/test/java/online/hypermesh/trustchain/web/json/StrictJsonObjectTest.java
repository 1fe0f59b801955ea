package online.hypermesh.trustchain.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Every JSON body shape the edges accept, each with its valid form and with what must be
 * refused after or inside it. The shapes are parsed exactly as their resources parse them.
 */
class StrictJsonObjectTest {

    /** One endpoint's body: a valid example and how the endpoint parses it. */
    private record Shape(String endpoint, String valid, Consumer<byte[]> parse) {
        @Override
        public String toString() {
            return endpoint;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("POST /api/v1/ca/certificates", "{\"csr\": \"PEM\", \"profile\": \"server\"}", IssueRequestParser::parse),
            new Shape("POST /api/v1/ca/certificates/{serial}/renew", "{\"csr\": \"PEM\", \"validity_hours\": 24}", IssueRequestParser::parseRenewal),
            new Shape("POST /api/v1/ca/certificates/{serial}/revoke", "{\"reason\": \"keyCompromise\"}",
                    body -> StrictJsonObject.parse(body, Set.of("reason"), "{\"reason\": \"keyCompromise\"}")),
            new Shape("PUT /api/v1/dns/records/{name}", "{\"aaaa\": [\"2001:db8::1\"]}", DnsRecordsRequestParser::aaaa),
            new Shape("POST /ct/v1/add-chain", "{\"chain\": [\"AQID\"]}", AddChainRequestParser::parse));

    static Stream<Arguments> shapesWithTrailers() {
        List<String> trailers = List.of("}", "}garbage", "garbage", "{}", "[]", "0", "\"x\"", ",", " \n}", "\u0000");
        return SHAPES.stream().flatMap(shape -> trailers.stream().map(t -> Arguments.of(shape, t)));
    }

    static Stream<Shape> shapes() {
        return SHAPES.stream();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(Shape shape, String body) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> shape.parse().accept(utf8(body)), body);
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind(), e.getMessage());
        return e.detail();
    }

    @ParameterizedTest(name = "{0} accepts its body, with or without trailing whitespace")
    @MethodSource("shapes")
    void acceptsTheValidBody(Shape shape) {
        shape.parse().accept(utf8(shape.valid()));
        shape.parse().accept(utf8(" \t\r\n" + shape.valid() + " \r\n\t"));
    }

    @ParameterizedTest(name = "{0} refuses the body followed by {1}")
    @MethodSource("shapesWithTrailers")
    void refusesAnythingAfterTheObject(Shape shape, String trailer) {
        String detail = refusal(shape, shape.valid() + trailer);
        assertTrue(detail.contains("goes on after the JSON object") || detail.contains("not valid JSON"), detail);
    }

    @Test
    void namesTheTrailingContentProblem() {
        String detail = refusal(SHAPES.get(0), SHAPES.get(0).valid() + "}garbage");
        assertTrue(detail.contains("goes on after the JSON object ends; send exactly one object like"), detail);
    }

    @ParameterizedTest(name = "{0} refuses a field given twice")
    @MethodSource("shapes")
    void refusesARepeatedName(Shape shape) {
        String valid = shape.valid();
        String repeated = valid.substring(0, valid.length() - 1) + ", " + valid.substring(1);
        String detail = refusal(shape, repeated);
        assertTrue(detail.contains("is given twice; give each field once"), detail);
    }

    @ParameterizedTest(name = "{0} refuses a body that is not one object")
    @MethodSource("shapes")
    void refusesBodiesThatAreNotOneObject(Shape shape) {
        for (String body : List.of("", " ", "[" + shape.valid() + "]", "\"" + shape.valid() + "\"", "null", "42")) {
            String detail = refusal(shape, body);
            assertTrue(detail.contains("must be a JSON object") || detail.contains("not valid JSON"), body + ": " + detail);
        }
    }

    @Test
    void refusesARepeatedNameInsideANestedObject() {
        String detail = refusal(SHAPES.get(0), "{\"csr\": \"PEM\", \"profile\": {\"a\": 1, \"a\": 2}}");
        assertEquals("field 'a' is given twice; give each field once", detail);
    }

    @Test
    void keepsEveryValueAsWritten() {
        StrictJsonObject json = StrictJsonObject.parse(utf8("{\"s\": \"x\\u00e9\", \"n\": -12, \"t\": true, \"a\": [1, \"b\", null, [false], {\"k\": 2.5}]}"),
                Set.of("s", "n", "t", "a"), "{}");
        assertEquals("x\u00e9", json.string("s"));
        assertEquals(-12, json.integer("n"));
        assertEquals(Boolean.TRUE, json.bool("t"));
        assertEquals("[1,\"b\",null,[false],{\"k\":2.5}]", json.array("a").toString());
    }

    @Test
    void arrayFieldMustBeAnArray() {
        StrictJsonObject json = StrictJsonObject.parse(utf8("{\"a\": 1, \"b\": null}"), Set.of("a", "b", "c"), "{}");
        assertEquals("field 'a' must be an array", assertThrows(TrustChainException.class, () -> json.array("a")).detail());
        assertEquals(null, json.array("b"));
        assertEquals(null, json.array("c"));
    }
}
