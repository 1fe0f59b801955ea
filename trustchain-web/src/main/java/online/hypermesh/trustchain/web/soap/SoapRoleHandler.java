package online.hypermesh.trustchain.web.soap;

import java.util.Iterator;
import java.util.Set;

import javax.xml.namespace.QName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The authorization of every SOAP call, before the endpoint runs: the operation's declared roles
 * ({@link SoapAccess}) against the caller {@link SoapCallerFilter} authenticated. A refusal is the
 * SOAP fault of the problem REST would answer (401, 403, 429).
 */
public class SoapRoleHandler implements SOAPHandler<SOAPMessageContext> {
    private static final SoapAccess ACCESS = SoapAccess.of(CertificateAuthorityEndpoint.class);

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            return true;
        }
        HttpServletRequest request = (HttpServletRequest) context.get(MessageContext.SERVLET_REQUEST);
        try {
            ACCESS.check(operation(context), request.isSecure(), (Caller) request.getAttribute(SoapCallerFilter.CALLER),
                    (SoapFaults.WsProblem) request.getAttribute(SoapCallerFilter.REFUSAL));
        } catch (SoapAccess.Refused e) {
            throw SoapFaults.fault(e.problem());
        } catch (RuntimeException e) {
            throw SoapFaults.fault(SoapFaults.problem(e));
        }
        return true;
    }

    /**
     * The operation called: the one the runtime matched, else the body's element (document/literal
     * bare: the request element is named like its operation, which WsContractTest holds).
     */
    private static String operation(SOAPMessageContext context) {
        if (context.get(MessageContext.WSDL_OPERATION) instanceof QName operation) {
            return operation.getLocalPart();
        }
        try {
            Iterator<?> children = context.getMessage().getSOAPBody().getChildElements();
            while (children.hasNext()) {
                if (children.next() instanceof SOAPElement element) {
                    return element.getElementQName().getLocalPart();
                }
            }
            return "";
        } catch (SOAPException e) {
            throw TrustChainException.malformed("the SOAP envelope cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of();
    }
}
