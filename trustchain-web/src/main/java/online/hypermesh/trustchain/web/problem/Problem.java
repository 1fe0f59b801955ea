package online.hypermesh.trustchain.web.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details object. */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Built from its parts: valueOf needs a JAX-RS runtime, which the SOAP faults (and their unit tests) do not. */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");
    public static final String TYPE_BASE = "https://hypermesh.online/trustchain/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail);
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }

    /** 429 {@code rate-limited} with {@code Retry-After} in seconds (RFC 6585 4, RFC 9110 10.2.3). */
    public static Response tooManyRequests(String detail, long retryAfterSeconds) {
        return Response.fromResponse(of("rate-limited", "Too many requests", 429, detail).toResponse())
                .header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /** The 429 for an account over its request rate (RequestLimits), in every API's words. */
    public static Problem rateLimited(String account, long retryAfterSeconds) {
        return of("rate-limited", "Too many requests", 429, "account '" + account
                + "' made more requests than its limit per minute (TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE); retry in " + retryAfterSeconds + " s");
    }
}
