package online.hypermesh.trustchain.web.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * The console's security headers, on every answer under /admin/ (also errors). The CSP admits
 * only this origin's scripts and styles, no inline ones, no plugins, no framing and no foreign
 * form targets, so even a datum that slipped into the page as markup could run nothing; the page
 * renders data with textContent anyway. The session answers are never cached.
 */
@Provider
public class ConsoleHeaders implements ContainerResponseFilter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (!path.equals("admin") && !path.startsWith("admin/")) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Cross-Origin-Opener-Policy", "same-origin");
        if (path.startsWith("admin/session")) {
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
