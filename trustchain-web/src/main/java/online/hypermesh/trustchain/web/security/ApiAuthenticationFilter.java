package online.hypermesh.trustchain.web.security;

import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ConsoleSessions;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.problem.Problem;

/**
 * Guards /api/: HTTPS only (a bearer token must never cross plain HTTP), and a credential except
 * on the public CA-certificate reads, sent from an address the account's allowlist admits. The
 * credential is a bearer token or, without an Authorization header, the TLS client certificate
 * the listener asked for ({@link ApiCredentials}). The web console's browsers send instead the
 * session cookie of {@link ConsoleCookie}, and with every state change its CSRF token in a header.
 * The caller is left in {@link CurrentCaller}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthenticationFilter implements ContainerRequestFilter {
    private static final String CALLER_PROPERTY = ApiAuthenticationFilter.class.getName() + ".caller";

    @EJB
    Authenticator authenticator;

    @EJB
    RequestLimits limits;

    @EJB
    ConsoleSessions consoleSessions;

    @Inject
    CurrentCaller currentCaller;

    /** The peer's address, for the account's allowlist (the TCP peer: a proxy in front makes every request come from it). */
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (!path.startsWith("api/")) {
            return;
        }
        if (!request.getSecurityContext().isSecure()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "the API is served over HTTPS only; use https://<host>:8443/" + path);
        }
        if (isPublic(request.getMethod(), path)) {
            return;
        }
        Caller caller = authenticate(request);
        long retryAfter = limits.admit(caller);
        if (retryAfter > 0) {
            request.abortWith(Problem.tooManyRequests(Problem.rateLimited(caller.name(), retryAfter).detail(), retryAfter));
            return;
        }
        currentCaller.set(caller);
        remember(request, caller);
    }

    /** The bearer token if there is an Authorization header (it wins), else a console session, else the client certificate. */
    private Caller authenticate(ContainerRequestContext request) {
        boolean bearer = request.getHeaderString("Authorization") != null;
        Cookie session = request.getCookies().get(ConsoleCookie.NAME);
        if (!bearer && session != null) {
            return consoleCaller(request, session.getValue());
        }
        // A browser presents its certificate to any page that asks, also on a request another site's page made:
        // a state change with the certificate alone must come from no page or one of this origin (Fetch Metadata).
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (!bearer && ApiCredentials.present(servletRequest) && isCrossSiteStateChange(request.getMethod(), site)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "a state change authenticated by a client certificate alone may not come from"
                    + " another site's page (Sec-Fetch-Site: " + site + ")");
        }
        return ApiCredentials.authenticate(authenticator, servletRequest);
    }

    /** The caller of a console session; a state change must echo the session's CSRF token. */
    private Caller consoleCaller(ContainerRequestContext request, String sessionId) {
        ConsoleSessions.Active session = consoleSessions.resume(sessionId, servletRequest.getRemoteAddr())
                .orElseThrow(() -> new TrustChainException(ErrorKind.UNAUTHORIZED,
                        "the console session is unknown or timed out; sign in again at /admin/"));
        if (!ConsoleCookie.isSafe(request.getMethod()) && !ConsoleCookie.csrfMatches(session.csrfToken(),
                request.getHeaderString(ConsoleCookie.CSRF_HEADER))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "a state change in a console session must carry the session's CSRF token in the "
                    + ConsoleCookie.CSRF_HEADER + " header");
        }
        return session.caller();
    }

    /**
     * A state change a browser says another site's page made (Fetch Metadata, {@code Sec-Fetch-Site} cross-site or
     * same-site). Clients that are no browser send no such header; "none" is the user's own navigation.
     */
    static boolean isCrossSiteStateChange(String method, String secFetchSite) {
        return !ConsoleCookie.isSafe(method) && secFetchSite != null && !secFetchSite.equals("same-origin") && !secFetchSite.equals("none");
    }

    static void remember(ContainerRequestContext request, Caller caller) {
        request.setProperty(CALLER_PROPERTY, caller);
    }

    /** The caller this filter authenticated for the request, or null. */
    static Caller callerOf(ContainerRequestContext request) {
        return request.getProperty(CALLER_PROPERTY) instanceof Caller c ? c : null;
    }

    /**
     * The CA certificates are public: relying parties fetch them to build trust; so is the
     * verification of a chain (POST /api/v1/validate), which reads and changes nothing.
     */
    static boolean isPublic(String method, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if ("POST".equals(method.toUpperCase(Locale.ROOT)) && trimmed.equals("api/v1/validate")) {
            return true;
        }
        if (!"GET".equals(method.toUpperCase(Locale.ROOT)) && !"HEAD".equals(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals("api/v1/ca/cert") || p.equals("api/v1/ca/root") || p.equals("api/v1/ca/authorities");
    }
}
