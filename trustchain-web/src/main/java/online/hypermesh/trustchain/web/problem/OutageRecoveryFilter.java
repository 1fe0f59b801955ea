package online.hypermesh.trustchain.web.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Ends a logged run of "service unavailable" answers (the CT log without a leader, say) at the
 * first successful answer, so the log says when it was over. Costs one volatile read otherwise.
 * The database's outage is ended by its own probe, which knows the database answers.
 */
@Provider
public class OutageRecoveryFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 300) {
            OutageLog.shared().recovered(OutageLog.SERVICE);
        }
    }
}
