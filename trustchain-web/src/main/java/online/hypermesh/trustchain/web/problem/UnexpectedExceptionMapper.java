package online.hypermesh.trustchain.web.problem;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Anything else: what {@link ErrorClassifier} recognises (our exception, a database outage) goes
 * to {@link TrustChainExceptionMapper}; the rest is a bug: log it with an incident id, and tell the
 * caller only the id (internals such as SQL or stack traces never reach a client).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        // The container wraps what beans throw; the classifier finds our exception or a database outage in it.
        var known = ErrorClassifier.classify(e);
        if (known.isPresent()) {
            return new TrustChainExceptionMapper().toResponse(known.get());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, e);
        return Problem.of("internal", "Internal error", 500,
                "the request failed unexpectedly and changed nothing; report incident " + incident + " to the operator").toResponse();
    }
}
