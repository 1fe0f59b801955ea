package online.hypermesh.trustchain.web.soap;

/** The names of the SOAP API's contract (WEB-INF/wsdl/trustchain-v1.wsdl); a new major version gets a new namespace. */
final class Ws {
    static final String NAMESPACE = "urn:trustchain:ws:v1";
    static final String WSDL = "WEB-INF/wsdl/trustchain-v1.wsdl";
    static final String SERVICE = "CertificateAuthority";
    static final String PORT = "CertificateAuthorityPort";
    /** Where web.xml maps the endpoint, under the WAR's context root "/". */
    static final String PATH = "/ws/" + SERVICE;

    private Ws() {
    }
}
