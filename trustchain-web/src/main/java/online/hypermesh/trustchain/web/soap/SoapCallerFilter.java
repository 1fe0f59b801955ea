package online.hypermesh.trustchain.web.soap;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.web.problem.Problem;
import online.hypermesh.trustchain.web.security.ApiCredentials;

/**
 * Authenticates a SOAP request the way REST's filter does ({@link ApiCredentials}, then the
 * account's rate limit), before JBossWS sees it. It decides nothing: which operation is called is
 * only known once the envelope is read, so it leaves the caller, or why the credential was refused,
 * on the request for {@link SoapRoleHandler}, which refuses or admits by the operation's declared
 * roles. A request without a credential gets neither (the open operations need none). The WSDL
 * (GET) is public.
 */
@WebFilter(urlPatterns = "/ws/*")
public class SoapCallerFilter extends HttpFilter {
    static final String CALLER = SoapCallerFilter.class.getName() + ".caller";
    static final String REFUSAL = SoapCallerFilter.class.getName() + ".refusal";

    @EJB
    Authenticator authenticator;

    @EJB
    RequestLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if ("POST".equalsIgnoreCase(request.getMethod()) && request.isSecure() && ApiCredentials.present(request)) {
            try {
                Caller caller = ApiCredentials.authenticate(authenticator, request);
                long retryAfter = limits.admit(caller);
                if (retryAfter > 0) {
                    request.setAttribute(REFUSAL, new SoapFaults.WsProblem(Problem.rateLimited(caller.name(), retryAfter), retryAfter));
                } else {
                    request.setAttribute(CALLER, caller);
                }
            } catch (RuntimeException e) {
                request.setAttribute(REFUSAL, SoapFaults.problem(e));
            }
        }
        chain.doFilter(request, response);
    }
}
