package online.hypermesh.trustchain.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;

class TrustChainExceptionMapperTest {

    @Test
    void status_isDefinedForEveryKindAsTheApiPromises() {
        Map<ErrorKind, Integer> expected = new EnumMap<>(ErrorKind.class);
        expected.put(ErrorKind.MALFORMED_REQUEST, 400);
        expected.put(ErrorKind.BAD_CSR_SIGNATURE, 400);
        expected.put(ErrorKind.UNSUPPORTED_KEY, 400);
        expected.put(ErrorKind.BAD_NAME, 400);
        expected.put(ErrorKind.POLICY_VIOLATION, 400);
        expected.put(ErrorKind.UNAUTHORIZED, 401);
        expected.put(ErrorKind.FORBIDDEN, 403);
        expected.put(ErrorKind.NOT_FOUND, 404);
        expected.put(ErrorKind.CONFLICT, 409);
        expected.put(ErrorKind.UNAVAILABLE, 503);
        expected.put(ErrorKind.EXTERNAL_CA_FAILED, 502);
        expected.put(ErrorKind.LINT_FAILURE, 500);
        expected.put(ErrorKind.INTERNAL, 500);
        for (ErrorKind kind : ErrorKind.values()) {
            assertEquals(expected.get(kind), TrustChainExceptionMapper.status(kind), kind.name());
        }
    }
}
