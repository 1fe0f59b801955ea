package online.hypermesh.trustchain.web.console;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ConsoleSessions;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.StrictJsonObject;
import online.hypermesh.trustchain.web.problem.Problem;
import online.hypermesh.trustchain.web.security.ConsoleCookie;

/**
 * Sign-in, the current session and sign-out of the web console. Open to all ({@code @PermitAll}):
 * signing in is where a credential is proven, so this resource authenticates by itself.
 * {@code POST} takes {@code {"token": "..."}}, or an empty object with a TLS client certificate
 * presented; only {@code application/json}, which another site's page cannot send without a CORS
 * preflight this server never grants, so no page elsewhere can sign a browser in.
 */
@PermitAll
@Path("admin/session")
public class ConsoleSessionResource {
    /** Where a servlet container leaves the client's verified chain, leaf first (Servlet 6.0, 3.10). */
    private static final String CLIENT_CHAIN_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    @EJB
    ConsoleSessions sessions;

    @EJB
    RequestLimits limits;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(InputStream body) {
        requireHttps();
        StrictJsonObject request = StrictJsonObject.parse(BoundedBody.read(body), Set.of("token"), "{\"token\": \"...\"}");
        String token = request.has("token") ? request.string("token") : null;
        ConsoleSessions.Active session;
        if (token != null && !token.isBlank()) {
            session = sessions.openWithToken(token.trim(), servletRequest.getRemoteAddr());
        } else if (servletRequest.getAttribute(CLIENT_CHAIN_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
            session = sessions.openWithCertificate(chain[0], servletRequest.getRemoteAddr());
        } else {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "give a token ({\"token\": \"...\"}) or present a TLS client certificate"
                    + " bound to your account");
        }
        Response limited = limited(session.caller());
        if (limited != null) {
            sessions.close(session.id());
            return limited;
        }
        return Response.ok(describe(session)).header(HttpHeaders.SET_COOKIE, ConsoleCookie.set(session.id())).build();
    }

    /** The signed-in account, its roles and the CSRF token (a reloaded page gets it here, never from storage). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response current(@CookieParam(ConsoleCookie.NAME) String id) {
        requireHttps();
        ConsoleSessions.Active session = sessions.resume(id, servletRequest.getRemoteAddr())
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAUTHORIZED, "not signed in, or the session timed out"));
        return Response.ok(describe(session)).build();
    }

    /** Sign-out; a state change, so it must echo the CSRF token too. */
    @DELETE
    public Response signOut(@CookieParam(ConsoleCookie.NAME) String id, @HeaderParam(ConsoleCookie.CSRF_HEADER) String csrf) {
        requireHttps();
        var session = id == null ? java.util.Optional.<ConsoleSessions.Active>empty() : sessions.resume(id, servletRequest.getRemoteAddr());
        if (session.isPresent()) {
            if (!ConsoleCookie.csrfMatches(session.get().csrfToken(), csrf)) {
                throw new TrustChainException(ErrorKind.FORBIDDEN, "signing out must carry the session's CSRF token in the "
                        + ConsoleCookie.CSRF_HEADER + " header");
            }
            sessions.close(id);
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, ConsoleCookie.clear()).build();
    }

    private Response limited(Caller caller) {
        long retryAfter = limits.admit(caller);
        return retryAfter <= 0 ? null : Problem.tooManyRequests("account '" + caller.name()
                + "' made more requests than its limit per minute (TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE); retry in " + retryAfter + " s", retryAfter);
    }

    private void requireHttps() {
        if (!servletRequest.isSecure()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "the console is served over HTTPS only; use https://<host>:8443/admin/");
        }
    }

    private static String describe(ConsoleSessions.Active session) {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        session.caller().roles().stream().map(Caller.Role::apiName).sorted().forEach(roles::add);
        return Json.createObjectBuilder().add("account", session.caller().name()).add("roles", roles)
                .add("csrf_token", session.csrfToken()).add("idle_timeout_seconds", session.idleTimeout().toSeconds()).build().toString();
    }
}
