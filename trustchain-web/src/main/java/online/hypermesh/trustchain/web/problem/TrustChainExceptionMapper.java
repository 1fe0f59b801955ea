package online.hypermesh.trustchain.web.problem;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.core.error.DependencyUnavailableException;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.OutageLog;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Turns the application's one exception type into problem+json with the status of its kind. An
 * outage of a dependency is 503 with {@code Retry-After} and is logged by {@link OutageLog} (once,
 * then a reminder a minute), never with a stack trace per request.
 */
@Provider
public class TrustChainExceptionMapper implements ExceptionMapper<TrustChainException> {
    private static final Logger LOG = Logger.getLogger(TrustChainExceptionMapper.class.getName());

    @Override
    public Response toResponse(TrustChainException thrown) {
        // "internal" wrapping a lost connection is an outage, not a bug.
        TrustChainException e = ErrorClassifier.classify(thrown).orElse(thrown);
        if (e instanceof DependencyUnavailableException outage) {
            OutageLog.shared().failed(outage);
            return Response.fromResponse(Problem.of(e.kind().slug(), e.kind().title(), 503, e.detail()).toResponse())
                    .header("Retry-After", outage.retryAfterSeconds()).build();
        }
        int status = status(e.kind());
        if (status == 503) {
            // Not a bug: a dependency inside TrustChain (the CT log's leadership, the issuance switch) is
            // not ready. One line and a reminder a minute, never a stack per request; and a Retry-After.
            OutageLog.shared().failed(OutageLog.SERVICE, e.detail());
            return Response.fromResponse(Problem.of(e.kind().slug(), e.kind().title(), status, e.detail()).toResponse())
                    .header("Retry-After", DependencyUnavailableException.RETRY_AFTER_SECONDS).build();
        }
        if (status >= 500) {
            LOG.log(Level.SEVERE, "request failed: " + e.getMessage(), e);
        }
        Response response = Problem.of(e.kind().slug(), e.kind().title(), status, e.detail()).toResponse();
        if (e.kind() == ErrorKind.UNAUTHORIZED) {
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer realm=\"trustchain\"").build();
        }
        return response;
    }

    public static int status(ErrorKind kind) {
        return switch (kind) {
            case MALFORMED_REQUEST, BAD_CSR_SIGNATURE, UNSUPPORTED_KEY, BAD_NAME, POLICY_VIOLATION -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            case EXTERNAL_CA_FAILED -> 502;
            case LINT_FAILURE, INTERNAL -> 500;
        };
    }
}
