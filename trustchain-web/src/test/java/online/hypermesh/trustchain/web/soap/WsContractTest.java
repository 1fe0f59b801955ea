package online.hypermesh.trustchain.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import javax.xml.transform.stream.StreamSource;

import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.MarshalException;
import jakarta.xml.bind.Marshaller;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The hand-written WSDL and the Java that binds to it agree: every operation has one endpoint
 * method and the other way round, named as the runtime and {@link SoapRoleHandler} expect; what
 * the message classes marshal, every field set, is valid under the WSDL's schema (so a renamed or
 * reordered field fails here, not at a client); and every type and element is documented.
 */
class WsContractTest {
    private final WsdlSchema wsdl = new WsdlSchema();

    WsContractTest() throws Exception {
    }

    private static List<Method> operations() {
        return Arrays.stream(CertificateAuthorityEndpoint.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())).toList();
    }

    @Test
    void theEndpoint_namesThePublishedWsdl_andTheNamespace() {
        WebService ws = CertificateAuthorityEndpoint.class.getAnnotation(WebService.class);
        assertEquals(Ws.WSDL, ws.wsdlLocation());
        assertEquals("urn:trustchain:ws:v1", ws.targetNamespace());
        assertEquals(Ws.NAMESPACE, wsdl.wsdl.getDocumentElement().getAttribute("targetNamespace"));
    }

    @Test
    void everyWsdlOperation_hasOneMethod_andEveryMethodIsAnOperation() {
        List<String> methods = operations().stream().map(SoapAccess::operationName).sorted().toList();
        assertEquals(new TreeSet<>(wsdl.operations()).stream().toList(), methods);
        assertEquals(6, methods.size(), methods.toString());
    }

    @Test
    void eachMethod_readsTheElementNamedLikeItsOperation_andAnswersWithItsResponse() {
        for (Method m : operations()) {
            String op = SoapAccess.operationName(m);
            assertEquals(1, m.getParameterCount(), m.toString());
            WebParam param = m.getParameters()[0].getAnnotation(WebParam.class);
            assertEquals(op, param.name(), "the handler finds the operation by the request element's name: " + m);
            assertEquals(Ws.NAMESPACE, param.targetNamespace());
            WebResult result = m.getAnnotation(WebResult.class);
            assertEquals(op + "Response", result.name(), m.toString());
            assertTrue(m.getParameterTypes()[0].isAnnotationPresent(jakarta.xml.bind.annotation.XmlRootElement.class), m.toString());
        }
    }

    @Test
    void everyMessage_withEveryFieldSet_isValidUnderTheSchema() throws Exception {
        List<Object> messages = new ArrayList<>();
        WsMessages.IssueCertificate issue = new WsMessages.IssueCertificate();
        issue.csr = new byte[] {1, 2};
        issue.profile = "server";
        issue.validityHours = 24;
        issue.region = "us-east-1";
        messages.add(issue);
        WsMessages.IssueCertificateResponse issued = new WsMessages.IssueCertificateResponse();
        issued.serialNumber = "5c";
        issued.certificate = "PEM";
        issued.chain = List.of("PEM");
        issued.notBefore = "2026-12-07T00:00:00Z";
        issued.notAfter = "2026-12-08T00:00:00Z";
        issued.profile = "server";
        issued.issuer = "us-east-1-g1";
        messages.add(issued);
        WsMessages.GetCertificate get = new WsMessages.GetCertificate();
        get.serialNumber = "5c";
        messages.add(get);
        WsMessages.GetCertificateResponse got = new WsMessages.GetCertificateResponse();
        got.certificate = certificate();
        messages.add(got);
        WsMessages.SearchCertificates search = new WsMessages.SearchCertificates();
        search.subject = "web";
        search.san = "web.hypermesh.online";
        search.status = "valid";
        search.issuer = "us-east-1-g1";
        search.expiresAfter = "2026-12-07T00:00:00Z";
        search.expiresBefore = "2026-12-08T00:00:00Z";
        search.stage = "final";
        search.limit = 10;
        search.pageToken = "abc";
        messages.add(search);
        WsMessages.SearchCertificatesResponse found = new WsMessages.SearchCertificatesResponse();
        found.certificate = List.of(certificate(), certificate());
        found.nextPageToken = "abc";
        messages.add(found);
        WsMessages.RevokeCertificate revoke = new WsMessages.RevokeCertificate();
        revoke.serialNumber = "5c";
        revoke.reason = "keyCompromise";
        messages.add(revoke);
        WsMessages.RevokeCertificateResponse revoked = new WsMessages.RevokeCertificateResponse();
        revoked.certificate = certificate();
        messages.add(revoked);
        messages.add(new WsMessages.GetCaCertificates());
        WsMessages.GetCaCertificatesResponse cas = new WsMessages.GetCaCertificatesResponse();
        WsMessages.AuthorityInfo a = new WsMessages.AuthorityInfo();
        a.id = "us-east-1-g1";
        a.parent = "root-g1";
        a.subject = "CN=TrustChain us-east-1";
        a.region = "us-east-1";
        a.keyAlgorithm = "EC P-384";
        a.serialNumber = "1f";
        a.notBefore = "2026-12-07T00:00:00Z";
        a.notAfter = "2031-12-07T00:00:00Z";
        a.status = "active";
        a.certificate = new byte[] {3};
        cas.authority = List.of(a);
        messages.add(cas);
        WsMessages.GetCrl crl = new WsMessages.GetCrl();
        crl.issuer = "us-east-1-g1";
        crl.delta = true;
        messages.add(crl);
        WsMessages.GetCrlResponse crlResponse = new WsMessages.GetCrlResponse();
        crlResponse.crl = new byte[] {4};
        crlResponse.number = 7;
        crlResponse.thisUpdate = "2026-12-07T00:00:00Z";
        crlResponse.nextUpdate = "2026-12-07T06:00:00Z";
        messages.add(crlResponse);

        assertEquals(12, messages.size());
        for (Object message : messages) {
            String xml = marshal(message);
            wsdl.schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        }
    }

    @Test
    void aFieldTheSchemaRequires_missing_failsValidation() throws Exception {
        WsMessages.RevokeCertificate revoke = new WsMessages.RevokeCertificate();
        revoke.serialNumber = "5c";
        assertThrows(MarshalException.class, () -> marshal(revoke), "the schema requires <reason>; the test would see a drift");
    }

    @Test
    void everyTypeAndEveryElementOfAType_isDocumented_orSelfExplaining() {
        List<String> undocumented = new ArrayList<>();
        for (String kind : List.of("element", "complexType")) {
            for (Element e : wsdl.topLevel(kind)) {
                boolean documented = e.getElementsByTagNameNS(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI, "documentation").getLength() > 0;
                // A response that is one documented type, and the fault element of the documented Problem, explain themselves.
                boolean wrapper = e.getAttribute("name").endsWith("Response") || e.getAttribute("name").equals("problem");
                if (!documented && !wrapper) {
                    undocumented.add(kind + " " + e.getAttribute("name"));
                }
            }
        }
        assertEquals(List.of(), undocumented);
        assertNotNull(wsdl.wsdl.getElementsByTagNameNS(WsdlSchema.WSDL_NS, "documentation").item(0));
    }

    private String marshal(Object message) throws Exception {
        Marshaller marshaller = JAXBContext.newInstance(message.getClass()).createMarshaller();
        marshaller.setSchema(wsdl.schema);
        StringWriter out = new StringWriter();
        marshaller.marshal(message, out);
        return out.toString();
    }

    private static WsMessages.CertificateInfo certificate() {
        WsMessages.CertificateInfo c = new WsMessages.CertificateInfo();
        c.serialNumber = "5c";
        c.status = "revoked";
        c.issuer = "us-east-1-g1";
        c.profile = "server";
        c.subject = "CN=web.hypermesh.online";
        c.name = List.of("web.hypermesh.online", "2001:db8::7");
        c.notBefore = "2026-12-07T00:00:00Z";
        c.notAfter = "2026-12-08T00:00:00Z";
        c.revocationReason = "keyCompromise";
        c.revokedAt = "2026-12-07T01:00:00Z";
        c.certificate = "PEM";
        c.replaces = "4b";
        c.renewedBy = "6d";
        c.stage = "final";
        c.delegatedTo = "corp";
        return c;
    }
}
