package online.hypermesh.trustchain.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * What the filter leaves for the role handler: the caller of a good token, the problem of a
 * refused credential (unknown token, allowlist, rate limit), nothing without a credential, over
 * plain HTTP or for the WSDL; and it always passes the request on (the handler answers with the fault).
 */
class SoapCallerFilterTest {
    private static final Caller PAYMENTS = new Caller("payments", Caller.Role.ISSUER);

    private final AtomicInteger chained = new AtomicInteger();
    private long retryAfter;

    private final SoapCallerFilter filter = new SoapCallerFilter();

    SoapCallerFilterTest() {
        filter.authenticator = new Authenticator() {
            @Override
            public Optional<Caller> authenticate(String bearerToken) {
                throw new AssertionError("the allowlist must apply: the address is always passed");
            }

            @Override
            public Optional<Caller> authenticate(String bearerToken, String remoteAddress) {
                if (remoteAddress.equals("2001:db8::bad")) {
                    throw new TrustChainException(ErrorKind.FORBIDDEN, "account 'payments' may not call from 2001:db8::bad");
                }
                return bearerToken.equals("good") ? Optional.of(PAYMENTS) : Optional.empty();
            }

            @Override
            public Caller authenticate(X509Certificate clientCertificate, String remoteAddress) {
                throw new AssertionError("not used here");
            }

            @Override
            public Caller authenticateHolder(X509Certificate clientCertificate, String remoteAddress) {
                throw new AssertionError("not used here");
            }
        };
        filter.limits = caller -> retryAfter;
    }

    @Test
    void aGoodToken_leavesTheCaller() throws Exception {
        Map<String, Object> attributes = run("POST", true, "Bearer good", "2001:db8::1");
        assertEquals(PAYMENTS, attributes.get(SoapCallerFilter.CALLER));
        assertNull(attributes.get(SoapCallerFilter.REFUSAL));
    }

    @Test
    void anUnknownToken_orAnAddressOutsideTheAllowlist_leavesTheRefusal() throws Exception {
        SoapFaults.WsProblem unknown = (SoapFaults.WsProblem) run("POST", true, "Bearer nope", "2001:db8::1").get(SoapCallerFilter.REFUSAL);
        assertEquals(401, unknown.problem().status());
        assertEquals("the bearer token is unknown or revoked", unknown.problem().detail());
        SoapFaults.WsProblem origin = (SoapFaults.WsProblem) run("POST", true, "Bearer good", "2001:db8::bad").get(SoapCallerFilter.REFUSAL);
        assertEquals(403, origin.problem().status());
        SoapFaults.WsProblem basic = (SoapFaults.WsProblem) run("POST", true, "Basic eDp5", "2001:db8::1").get(SoapCallerFilter.REFUSAL);
        assertEquals(401, basic.problem().status());
    }

    @Test
    void overTheRateLimit_leavesA429_withRetryAfter_andNoCaller() throws Exception {
        retryAfter = 17;
        Map<String, Object> attributes = run("POST", true, "Bearer good", "2001:db8::1");
        assertNull(attributes.get(SoapCallerFilter.CALLER));
        SoapFaults.WsProblem limited = (SoapFaults.WsProblem) attributes.get(SoapCallerFilter.REFUSAL);
        assertEquals(429, limited.problem().status());
        assertEquals("https://hypermesh.online/trustchain/problems/rate-limited", limited.problem().type());
        assertEquals(17, limited.retryAfterSeconds());
        assertTrue(limited.problem().detail().contains("retry in 17 s"), limited.problem().detail());
    }

    @Test
    void noCredential_plainHttp_andTheWsdl_leaveNothing() throws Exception {
        assertEquals(Map.of(), run("POST", true, null, "2001:db8::1"));
        assertEquals(Map.of(), run("POST", false, "Bearer good", "2001:db8::1"), "the handler refuses plain HTTP; no token is looked at");
        assertEquals(Map.of(), run("GET", true, "Bearer good", "2001:db8::1"));
        assertEquals(3, chained.get(), "every request is passed on");
    }

    private Map<String, Object> run(String method, boolean secure, String authorization, String remoteAddress) throws Exception {
        Map<String, Object> attributes = new HashMap<>();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "isSecure" -> secure;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getRemoteAddr" -> remoteAddress;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> {
                        attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    default -> throw new AssertionError("unexpected " + m.getName());
                });
        FilterChain chain = (req, res) -> chained.incrementAndGet();
        filter.doFilter(request, (HttpServletResponse) null, chain);
        return attributes;
    }
}
