package online.hypermesh.trustchain.web.rest.ct;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import online.hypermesh.trustchain.ca.api.CtLogService;

/**
 * Keeps the CT log on its own listener (API.md): the CT paths answer only on the log's port
 * (6962 plus the port offset), and nothing else answers there. Both directions get 404, as if
 * the path did not exist on that port. Decided here rather than in Undertow because the
 * application knows the offset-shifted port.
 */
@WebFilter(urlPatterns = "/*")
public class CtPortFilter implements Filter {

    @EJB
    CtLogService log;

    // Read once: the port does not change while the deployment runs, and this filter sees every request.
    private int logPort;

    @Override
    public void init(FilterConfig config) {
        logPort = log.port();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean onLogPort = http.getLocalPort() == logPort;
        if (onLogPort != isCtPath(http.getRequestURI())) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(HttpServletResponse.SC_NOT_FOUND);
            out.setContentType("application/problem+json");
            out.getWriter().write("{\"type\":\"https://hypermesh.online/trustchain/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\"" + (onLogPort ? "this port serves only the CT log (/ct/v1/..., /checkpoint, /tile/..., /issuer/..., /log.json)"
                    : "the CT log is served on port " + logPort) + "\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The CT log's paths (RFC 6962 and static-ct-api). */
    static boolean isCtPath(String path) {
        return path.startsWith("/ct/v1/") || path.equals("/checkpoint") || path.startsWith("/tile/")
                || path.startsWith("/issuer/") || path.equals("/log.json");
    }
}
