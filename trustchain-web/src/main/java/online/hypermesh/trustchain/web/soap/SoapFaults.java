package online.hypermesh.trustchain.web.soap;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.xml.namespace.QName;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;

import online.hypermesh.trustchain.core.error.DependencyUnavailableException;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.OutageLog;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.problem.Problem;
import online.hypermesh.trustchain.web.problem.TrustChainExceptionMapper;

/**
 * Errors of the SOAP API: the same problem (type, title, status, detail) REST answers as
 * problem+json, as a SOAP 1.1 fault whose detail is a {@code tc:problem} element of the WSDL's
 * schema. The fault code says whose fault it is (Client for a 4xx status, Server otherwise), so a
 * client can decide on retrying without reading the detail; a 503 or 429 also carries
 * {@code retryAfter}, REST's Retry-After. Outages and bugs are logged as the REST mappers log them.
 */
public final class SoapFaults {
    private static final Logger LOG = Logger.getLogger(SoapFaults.class.getName());
    private static final String PREFIX = "tc";

    private SoapFaults() {
    }

    /** A problem and, for a 503 or 429, the seconds after which a retry may succeed (0: none). */
    public record WsProblem(Problem problem, long retryAfterSeconds) {
    }

    /** Runs one operation; whatever it throws becomes the fault of its problem. */
    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw fault(problem(e));
        }
    }

    /** The problem {@code thrown} amounts to: what REST's TrustChainExceptionMapper and UnexpectedExceptionMapper answer. */
    public static WsProblem problem(Throwable thrown) {
        Optional<TrustChainException> known = ErrorClassifier.classify(thrown);
        if (known.isEmpty()) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected error in a SOAP operation, incident " + incident, thrown);
            return new WsProblem(Problem.of("internal", "Internal error", 500,
                    "the request failed unexpectedly and changed nothing; report incident " + incident + " to the operator"), 0);
        }
        TrustChainException e = known.get();
        if (e instanceof DependencyUnavailableException outage) {
            OutageLog.shared().failed(outage);
            return new WsProblem(Problem.of(e.kind().slug(), e.kind().title(), 503, e.detail()), outage.retryAfterSeconds());
        }
        int status = TrustChainExceptionMapper.status(e.kind());
        if (status == 503) {
            // Not a bug: the issuance switch or the CT log's leadership; one line and a reminder a minute.
            OutageLog.shared().failed(OutageLog.SERVICE, e.detail());
            return new WsProblem(Problem.of(e.kind().slug(), e.kind().title(), status, e.detail()),
                    DependencyUnavailableException.RETRY_AFTER_SECONDS);
        }
        if (status >= 500) {
            LOG.log(Level.SEVERE, "SOAP operation failed: " + e.getMessage(), e);
        }
        return new WsProblem(Problem.of(e.kind().slug(), e.kind().title(), status, e.detail()), 0);
    }

    /** The SOAP fault of {@code wsProblem}: faultstring "title: detail", the problem as the detail entry. */
    public static SOAPFaultException fault(WsProblem wsProblem) {
        Problem problem = wsProblem.problem();
        try {
            SOAPFactory factory = SOAPFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL);
            String code = problem.status() < 500 ? "Client" : "Server";
            SOAPFault fault = factory.createFault(problem.title() + ": " + problem.detail(),
                    new QName(SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE, code));
            Detail detail = fault.addDetail();
            SOAPElement entry = detail.addChildElement("problem", PREFIX, Ws.NAMESPACE);
            entry.addChildElement("type", PREFIX, Ws.NAMESPACE).addTextNode(problem.type());
            entry.addChildElement("title", PREFIX, Ws.NAMESPACE).addTextNode(problem.title());
            entry.addChildElement("status", PREFIX, Ws.NAMESPACE).addTextNode(Integer.toString(problem.status()));
            entry.addChildElement("detail", PREFIX, Ws.NAMESPACE).addTextNode(problem.detail());
            if (wsProblem.retryAfterSeconds() > 0) {
                entry.addChildElement("retryAfter", PREFIX, Ws.NAMESPACE).addTextNode(Long.toString(wsProblem.retryAfterSeconds()));
            }
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            // SAAJ is part of the server; failing to build a fault is a broken installation, not the request's fault.
            throw new IllegalStateException("cannot build a SOAP fault: " + e.getMessage(), e);
        }
    }
}
