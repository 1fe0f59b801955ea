package online.hypermesh.trustchain.core.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The certificate policy each leaf asserts. TLS server certificates ({@code server} and
 * {@code service}) assert a CA/Browser Forum TLS policy; a {@code client} certificate is no TLS
 * server certificate, so it must not (BR 7.1.2.7.9 reserves 2.23.140.1.2.* for serverAuth
 * certificates) and asserts a private policy instead.
 *
 * @param tlsServer policy of the profiles with serverAuth
 * @param client    policy of the profiles without serverAuth; never under {@link #CABF_TLS_ARC}
 */
public record LeafPolicies(String tlsServer, String client) {
    /** The CA/Browser Forum's arc of TLS Baseline Requirements policies (2.23.140.1.2.1 domain validated, .2 OV, .3 IV). */
    public static final String CABF_TLS_ARC = "2.23.140.1.2";
    /** CA/Browser Forum "domain validated", used unless an operator configures another. */
    public static final String DEFAULT_TLS_SERVER = "2.23.140.1.2.1";
    /**
     * TrustChain's mesh client authentication policy: an OID from a UUID under 2.25 (ITU-T X.667),
     * which needs no registration. An example to replace with an OID under the operator's own arc.
     */
    public static final String DEFAULT_CLIENT = "2.25.29015324452302346870821282362034861549";

    public LeafPolicies {
        tlsServer = new ASN1ObjectIdentifier(tlsServer).getId();
        client = new ASN1ObjectIdentifier(client).getId();
        if (isCabfTls(client)) {
            throw new IllegalArgumentException("the client policy " + client + " is a CA/Browser Forum TLS policy, which only TLS server certificates may assert");
        }
    }

    public static LeafPolicies defaults() {
        return new LeafPolicies(DEFAULT_TLS_SERVER, DEFAULT_CLIENT);
    }

    /** The policy a certificate of {@code profile} asserts. */
    public String of(CertificateProfile profile) {
        return profile.isTlsServer() ? tlsServer : client;
    }

    /** Whether {@code oid} is one of the CA/Browser Forum TLS policies (2.23.140.1.2 or below it). */
    public static boolean isCabfTls(String oid) {
        return oid.equals(CABF_TLS_ARC) || oid.startsWith(CABF_TLS_ARC + ".");
    }
}
