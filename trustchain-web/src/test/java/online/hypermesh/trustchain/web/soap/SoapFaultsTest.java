package online.hypermesh.trustchain.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import javax.xml.transform.stream.StreamSource;

import jakarta.ejb.EJBException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import online.hypermesh.trustchain.core.error.DependencyUnavailableException;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * A SOAP fault says what problem+json says: the same type URI, title, status and detail, in a
 * {@code tc:problem} detail entry valid under the WSDL's schema, with the fault code naming whose fault it is.
 */
class SoapFaultsTest {
    private final WsdlSchema wsdl = new WsdlSchema();

    SoapFaultsTest() throws Exception {
    }

    @Test
    void aNameOutsideTheScopes_isAClientFault_withTheForbiddenProblem() throws Exception {
        SOAPFault fault = fault(new TrustChainException(ErrorKind.FORBIDDEN, "account 'payments' may not have 'www.example.org'"));
        assertEquals("Client", fault.getFaultCodeAsQName().getLocalPart());
        assertEquals("http://schemas.xmlsoap.org/soap/envelope/", fault.getFaultCodeAsQName().getNamespaceURI());
        assertEquals("Not allowed: account 'payments' may not have 'www.example.org'", fault.getFaultString());
        Element problem = problem(fault);
        assertEquals("https://hypermesh.online/trustchain/problems/forbidden", child(problem, "type"));
        assertEquals("Not allowed", child(problem, "title"));
        assertEquals("403", child(problem, "status"));
        assertEquals("account 'payments' may not have 'www.example.org'", child(problem, "detail"));
    }

    @Test
    void eachKind_hasRestsStatus_andSlug() throws Exception {
        for (ErrorKind kind : ErrorKind.values()) {
            Element problem = problem(fault(new TrustChainException(kind, "why")));
            assertEquals("https://hypermesh.online/trustchain/problems/" + kind.slug(), child(problem, "type"));
            assertEquals(Integer.toString(online.hypermesh.trustchain.web.problem.TrustChainExceptionMapper.status(kind)), child(problem, "status"));
            assertEquals(kind.title(), child(problem, "title"));
        }
        assertEquals("400", child(problem(fault(new TrustChainException(ErrorKind.BAD_CSR_SIGNATURE, "x"))), "status"));
        assertEquals("401", child(problem(fault(new TrustChainException(ErrorKind.UNAUTHORIZED, "x"))), "status"));
        assertEquals("404", child(problem(fault(new TrustChainException(ErrorKind.NOT_FOUND, "x"))), "status"));
    }

    @Test
    void issuanceSwitchedOff_isAServerFault_503_withRetryAfter() throws Exception {
        SOAPFault fault = fault(new TrustChainException(ErrorKind.UNAVAILABLE, "issuance is switched off"));
        assertEquals("Server", fault.getFaultCodeAsQName().getLocalPart());
        Element problem = problem(fault);
        assertEquals("503", child(problem, "status"));
        assertEquals(Integer.toString(DependencyUnavailableException.RETRY_AFTER_SECONDS), child(problem, "retryAfter"));
    }

    @Test
    void whatTheContainerWrapped_isFoundInside() throws Exception {
        Element problem = problem(fault(new EJBException(new TrustChainException(ErrorKind.BAD_NAME, "no such name"))));
        assertEquals("https://hypermesh.online/trustchain/problems/bad-name", child(problem, "type"));
        assertEquals("no such name", child(problem, "detail"));
    }

    @Test
    void aBug_isAnInternalServerFault_withAnIncident_andNoInternals() throws Exception {
        SOAPFault fault = fault(new NullPointerException("secret internals"));
        assertEquals("Server", fault.getFaultCodeAsQName().getLocalPart());
        Element problem = problem(fault);
        assertEquals("500", child(problem, "status"));
        assertTrue(child(problem, "detail").contains("report incident"), child(problem, "detail"));
        assertTrue(!WsdlSchema.text(fault).contains("secret internals"));
    }

    @Test
    void call_turnsWhatAnOperationThrows_intoItsFault() throws Exception {
        SOAPFaultException e = org.junit.jupiter.api.Assertions.assertThrows(SOAPFaultException.class,
                () -> SoapFaults.call(() -> {
                    throw TrustChainException.notFound("no certificate has serial 5c");
                }));
        assertEquals("404", child(problem(e.getFault()), "status"));
        assertEquals("ok", SoapFaults.call(() -> "ok"));
    }

    private static SOAPFault fault(Throwable thrown) {
        return SoapFaults.fault(SoapFaults.problem(thrown)).getFault();
    }

    /** The detail's one entry, after checking it against the WSDL's schema. */
    private Element problem(SOAPFault fault) throws Exception {
        Element entry = null;
        for (org.w3c.dom.Node n = fault.getDetail().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertEquals(null, entry, "one detail entry");
                entry = e;
            }
        }
        assertEquals("problem", entry.getLocalName());
        assertEquals(Ws.NAMESPACE, entry.getNamespaceURI());
        wsdl.schema.newValidator().validate(new StreamSource(new StringReader(WsdlSchema.text(entry))));
        return entry;
    }

    private static String child(Element problem, String name) {
        return problem.getElementsByTagNameNS(Ws.NAMESPACE, name).item(0).getTextContent();
    }
}
