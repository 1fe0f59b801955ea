package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The CA/Browser Forum rules the linter enforces beyond RFC 5280, so that it, not a test, refuses
 * a certificate a strict relying party would reject: countryName in CA subjects and hence in
 * every issuer name, the TLS policy OIDs only on serverAuth certificates, and no URI names in a
 * certificate under those policies.
 */
class BaselineRequirementsLintTest {
    private final TestHierarchy ca = TestHierarchy.shared();
    private final LeafCertificateTemplate template = new LeafCertificateTemplate(LeafPolicies.defaults());

    private TBSCertificate leaf(CertificateProfile profile, SubjectNames names) throws Exception {
        ValidatedCsr csr = new CsrValidator().validate(TestCsrs.csr("br.hypermesh.online"), CertificateProfile.CLIENT);
        return template.build(ca.intermediate, csr.publicKey(), csr.keyKind(), names, profile, SerialNumbers.next(),
                Validity.startingAt(Instant.now(), Duration.ofHours(24)));
    }

    private static SubjectNames dnsAnd(URI... uris) {
        return new SubjectNames("br.hypermesh.online", List.of("br.hypermesh.online"), List.of(), List.of(uris));
    }

    private String lintFailure(TBSCertificate tbs, CertificateProfile profile) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> ca.linter.lintLeaf(tbs, ca.intermediate, profile));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        return e.getMessage();
    }

    /** The same to-be-signed certificate with one extension's value replaced, as a buggy template would build it. */
    private static TBSCertificate replacing(TBSCertificate tbs, ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) throws Exception {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        Extensions old = tbs.getExtensions();
        for (ASN1ObjectIdentifier id : old.getExtensionOIDs()) {
            Extension e = old.getExtension(id);
            if (id.equals(oid)) {
                ext.addExtension(oid, e.isCritical(), value);
            } else {
                ext.addExtension(e);
            }
        }
        return TbsCopies.copy(tbs, tbs.getIssuer(), ext.generate());
    }

    private static CertificatePolicies policy(String oid) {
        return new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(oid)));
    }

    @Test
    void clientCertificate_assertsThePrivatePolicy_andPassesTheLinter() throws Exception {
        TBSCertificate client = leaf(CertificateProfile.CLIENT, dnsAnd(URI.create("spiffe://hypermesh.online/sa/api")));
        ca.linter.lintLeaf(client, ca.intermediate, CertificateProfile.CLIENT);
        assertEquals(LeafPolicies.DEFAULT_CLIENT, CertificatePolicies.fromExtensions(client.getExtensions())
                .getPolicyInformation()[0].getPolicyIdentifier().getId());
        for (CertificateProfile tls : List.of(CertificateProfile.SERVER, CertificateProfile.SERVICE)) {
            TBSCertificate server = leaf(tls, dnsAnd());
            ca.linter.lintLeaf(server, ca.intermediate, tls);
            assertEquals("2.23.140.1.2.1", CertificatePolicies.fromExtensions(server.getExtensions())
                    .getPolicyInformation()[0].getPolicyIdentifier().getId());
        }
    }

    @Test
    void cabfTlsPolicyWithoutServerAuth_isRefused() throws Exception {
        for (String oid : List.of("2.23.140.1.2.1", "2.23.140.1.2.2", "2.23.140.1.2.3")) {
            TBSCertificate client = replacing(leaf(CertificateProfile.CLIENT, dnsAnd()), Extension.certificatePolicies, policy(oid));
            String message = lintFailure(client, CertificateProfile.CLIENT);
            assertTrue(message.contains("certificate policy " + oid + " is a CA/Browser Forum TLS policy, which only a TLS server certificate (serverAuth) may assert"), message);
        }
    }

    @Test
    void uriNameUnderTheCabfTlsPolicy_isRefusedWhateverTheProfile() throws Exception {
        TBSCertificate service = leaf(CertificateProfile.SERVICE, dnsAnd(URI.create("spiffe://hypermesh.online/sa/api")));
        String message = lintFailure(service, CertificateProfile.SERVICE);
        assertTrue(message.contains("a TLS server certificate under CA/Browser Forum policy 2.23.140.1.2.1 carries only DNS names and IP addresses, not URIs"), message);
        TBSCertificate server = leaf(CertificateProfile.SERVER, dnsAnd(URI.create("https://br.hypermesh.online/")));
        assertTrue(lintFailure(server, CertificateProfile.SERVER).contains("not URIs (BR 7.1.2.7.12)"));
    }

    @Test
    void uriNameUnderAPrivatePolicy_isNoBaselineRequirementsMatter() throws Exception {
        TBSCertificate service = replacing(leaf(CertificateProfile.SERVICE, dnsAnd(URI.create("spiffe://hypermesh.online/sa/api"))),
                Extension.certificatePolicies, policy(LeafPolicies.DEFAULT_CLIENT));
        String message = lintFailure(service, CertificateProfile.SERVICE);
        assertTrue(message.contains("URI names are not allowed in profile service"), message);
        assertTrue(!message.contains("CA/Browser Forum"), message);
    }

    @Test
    void leafWhoseIssuerNameLacksCountry_isRefused() throws Exception {
        TBSCertificate good = leaf(CertificateProfile.SERVER, dnsAnd());
        X500Name withoutCountry = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "TrustChain").addRDN(BCStyle.CN, "TrustChain us-east-1").build();
        String message = lintFailure(TbsCopies.copy(good, withoutCountry, good.getExtensions()), CertificateProfile.SERVER);
        assertTrue(message.contains("the issuer name has no countryName (BR 7.1.2.10.2); roll the issuing CA over"), message);
    }

    @Test
    void caCertificatesWithoutAValidCountry_areRefused() {
        HierarchyFactory factory = new HierarchyFactory(ca.token, ca.linter, ca.signer, Clock.systemUTC(), "http://localhost:8080");
        String root = assertThrows(TrustChainException.class, () -> factory.createRoot("br-root-g1",
                new X500Name("O=TrustChain,CN=No Country Root"), KeyType.EC_P384, Duration.ofDays(30))).getMessage();
        assertTrue(root.contains("a CA certificate's subject has no countryName (BR 7.1.2.10.2)"), root);
        String intermediate = assertThrows(TrustChainException.class, () -> factory.createIntermediate(ca.root, "br-int-g1",
                new X500Name("O=TrustChain,CN=No Country Issuing CA"), KeyType.EC_P384, Duration.ofDays(30))).getMessage();
        assertTrue(intermediate.contains("a CA certificate's subject has no countryName"), intermediate);
        for (X500Name bad : List.of(new X500Name("C=ZZ,O=TrustChain,CN=Bad"), new X500Name("C=US,C=DE,O=TrustChain,CN=Bad"),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, new DERUTF8String("US")).addRDN(BCStyle.CN, "Bad").build())) {
            assertTrue(CertificateLinter.countryProblem(bad) != null, bad.toString());
        }
        assertEquals(null, CertificateLinter.countryProblem(new X500Name("C=DE,O=TrustChain,CN=Good")));
    }

    @Test
    void clientPolicyCannotBeACabfTlsPolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeafPolicies("2.23.140.1.2.1", "2.23.140.1.2.2"));
        assertTrue(e.getMessage().contains("only TLS server certificates may assert"), e.getMessage());
        assertEquals("2.23.140.1.2.1", LeafPolicies.defaults().of(CertificateProfile.SERVICE));
        assertTrue(LeafPolicies.defaults().of(CertificateProfile.CLIENT).startsWith("2.25."));
    }
}
