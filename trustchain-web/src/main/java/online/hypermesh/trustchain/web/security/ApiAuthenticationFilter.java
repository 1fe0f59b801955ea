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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.problem.Problem;

/**
 * Guards /api/: HTTPS only (a bearer token must never cross plain HTTP), and a credential except
 * on the public CA-certificate reads, sent from an address the account's allowlist admits. The
 * credential is a bearer token or, without an Authorization header, the TLS client certificate
 * the listener asked for ({@link ApiCredentials}). The caller is left in {@link CurrentCaller}.
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
        Caller caller = ApiCredentials.authenticate(authenticator, servletRequest);
        long retryAfter = limits.admit(caller);
        if (retryAfter > 0) {
            request.abortWith(Problem.tooManyRequests(Problem.rateLimited(caller.name(), retryAfter).detail(), retryAfter));
            return;
        }
        currentCaller.set(caller);
        remember(request, caller);
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
