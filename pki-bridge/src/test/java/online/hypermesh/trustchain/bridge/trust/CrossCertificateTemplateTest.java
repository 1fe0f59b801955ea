package online.hypermesh.trustchain.bridge.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.x509.AuthorityUrls;
import online.hypermesh.trustchain.core.x509.CertificateLinter;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;

class CrossCertificateTemplateTest {
    private static final String OUR_ROOT = "C=US,O=TrustChain,CN=TrustChain Root G1";
    private static final String THEIR_ROOT = "C=DE,O=Corp,CN=Corp Root CA";
    private static final String CRL = "http://localhost:8080/crl/root-g1.crl";
    private static final String CA_ISSUERS = "http://localhost:8080/ca/root-g1.cer";

    private final KeyPair ourKey = TestPki.rsa();
    private final KeyPair theirKey = TestPki.ec();
    private final X509CertificateHolder ourRoot = TestPki.ca(OUR_ROOT, ourKey, null, null, null, Duration.ofDays(3650));
    private final X509CertificateHolder theirRoot = TestPki.ca(THEIR_ROOT, theirKey, null, null, null, Duration.ofDays(365));

    CrossCertificateTemplateTest() throws Exception {
    }

    private X509CertificateHolder cross(int pathLength, NameConstraints permitted) throws Exception {
        var template = new CrossCertificateTemplate(ourRoot, TestPki.algorithmIdentifier(ourKey), new BigInteger(127, new java.security.SecureRandom()).setBit(126),
                theirRoot, pathLength, permitted, CRL, CA_ISSUERS);
        return TestPki.sign(template.tbs(Instant.now()), ourKey);
    }

    @Test
    void crossCertificate_hasTheirSubjectAndKey_ourIssuerAndTheExtensionsOfACrossCertifiedCa() throws Exception {
        X509CertificateHolder c = cross(1, null);
        assertEquals(theirRoot.getSubject(), c.getSubject());
        assertArrayEquals(theirRoot.getSubject().getEncoded(), c.getSubject().getEncoded(), "subject byte for byte");
        assertEquals(theirRoot.getSubjectPublicKeyInfo(), c.getSubjectPublicKeyInfo());
        assertEquals(ourRoot.getSubject(), c.getIssuer());
        assertTrue(c.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ourRoot)), "signed by our root");

        Extension bc = c.getExtension(Extension.basicConstraints);
        assertTrue(bc.isCritical());
        BasicConstraints constraints = BasicConstraints.getInstance(bc.getParsedValue());
        assertTrue(constraints.isCA());
        assertEquals(BigInteger.ONE, constraints.getPathLenConstraint());

        Extension ku = c.getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical());
        assertTrue(KeyUsage.getInstance(ku.getParsedValue()).hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign));

        assertArrayEquals(SubjectKeyIdentifier.fromExtensions(theirRoot.getExtensions()).getKeyIdentifier(),
                SubjectKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier(), "SKI = theirs");
        assertArrayEquals(SubjectKeyIdentifier.fromExtensions(ourRoot.getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier(), "AKI = our root's SKI");

        CRLDistPoint dp = CRLDistPoint.getInstance(c.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        GeneralName crl = GeneralNames.getInstance(dp.getDistributionPoints()[0].getDistributionPoint().getName()).getNames()[0];
        assertEquals(CRL, crl.getName().toString());
        AccessDescription aia = AuthorityInformationAccess.fromExtensions(c.getExtensions()).getAccessDescriptions()[0];
        assertEquals(AccessDescription.id_ad_caIssuers, aia.getAccessMethod());
        assertEquals(CA_ISSUERS, aia.getAccessLocation().getName().toString());
        assertNull(c.getExtension(Extension.nameConstraints), "no name constraints unless asked");
    }

    /** What the signer does before the root key signs: the linter's cross-certificate rules accept the template. */
    @Test
    void template_passesTheLinter_whoseSkiRuleIsTheirRootsOwnValue() throws Exception {
        IssuingAuthority issuer = new IssuingAuthority("root-g1", ourRoot, "ca-root-g1", KeyType.RSA_4096,
                AuthorityUrls.under("http://localhost:8080", "root-g1"));
        CertificateLinter linter = new CertificateLinter(alias -> "ca-root-g1".equals(alias) ? ourKey.getPublic() : null);
        // An enterprise root without countryName is cross-certified all the same: its subject is not ours to change.
        KeyPair noCountryKey = TestPki.ec();
        X509CertificateHolder noCountry = TestPki.ca("O=Corp,CN=Corp Legacy Root", noCountryKey, null, null, null, Duration.ofDays(90));
        var template = new CrossCertificateTemplate(ourRoot, TestPki.algorithmIdentifier(ourKey), new BigInteger(127, new java.security.SecureRandom()).setBit(126),
                noCountry, 1, null, CRL, CA_ISSUERS);
        var tbs = template.tbs(Instant.now());
        assertNotNull(linter.lintCrossCertificate(tbs, issuer, CrossCertificateTemplate.keyIdentifier(noCountry)));

        TrustChainException wrongSki = assertThrows(TrustChainException.class,
                () -> linter.lintCrossCertificate(template.tbs(Instant.now()), issuer, new byte[20]));
        assertEquals(ErrorKind.LINT_FAILURE, wrongSki.kind());
        assertTrue(wrongSki.detail().contains("subjectKeyIdentifier"), wrongSki.detail());
    }

    @Test
    void validity_isBoundedByBothRoots() throws Exception {
        X509CertificateHolder c = cross(0, null);
        assertEquals(theirRoot.getNotAfter(), c.getNotAfter(), "their root ends first");
        assertTrue(!c.getNotBefore().before(theirRoot.getNotBefore()) && !c.getNotBefore().before(ourRoot.getNotBefore()));
        assertTrue(c.getNotBefore().toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(6))));
    }

    @Test
    void validity_thatCannotOverlap_isRefused() throws Exception {
        var template = new CrossCertificateTemplate(ourRoot, TestPki.algorithmIdentifier(ourKey), BigInteger.TEN.pow(30), theirRoot, 0, null,
                CRL, CA_ISSUERS);
        TrustChainException e = assertThrows(TrustChainException.class, () -> template.tbs(Instant.now().plus(Duration.ofDays(400))));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
    }

    @Test
    void pathLength_outOfRange_isMalformed() {
        TrustChainException e = assertThrows(TrustChainException.class, () -> new CrossCertificateTemplate(ourRoot,
                TestPki.algorithmIdentifier(ourKey), BigInteger.TEN, theirRoot, -1, null, CRL, CA_ISSUERS));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
    }

    @Test
    void nameConstraints_areCriticalPermittedSubtrees() throws Exception {
        PermittedSubtrees permitted = PermittedSubtreeList.parse(List.of("dns:corp.example", "ip:2001:db8::/32", "uri:.corp.example"));
        X509CertificateHolder c = cross(1, permitted.extension());
        Extension nc = c.getExtension(Extension.nameConstraints);
        assertNotNull(nc);
        assertTrue(nc.isCritical());
        var subtrees = NameConstraints.getInstance(nc.getParsedValue()).getPermittedSubtrees();
        assertEquals(3, subtrees.length);
        assertEquals(new GeneralName(GeneralName.dNSName, "corp.example"), subtrees[0].getBase());
        assertNull(NameConstraints.getInstance(nc.getParsedValue()).getExcludedSubtrees());
    }

    @Test
    void permittedSubtree_inAnUnknownNotation_isMalformed() {
        TrustChainException e = assertThrows(TrustChainException.class, () -> PermittedSubtreeList.parse(List.of("email:corp.example")));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        assertTrue(e.detail().contains("email:corp.example"), e.detail());
    }

    /** A relying party trusting only our root validates their leaf through the cross certificate (PKIX, the JDK's validator). */
    @Test
    void relyingPartyOfOurRoot_validatesTheirLeafThroughTheCrossCertificate() throws Exception {
        KeyPair intermediateKey = TestPki.ec();
        X509CertificateHolder intermediate = TestPki.ca("C=DE,O=Corp,CN=Corp Issuing CA", intermediateKey, THEIR_ROOT, theirKey, 0,
                Duration.ofDays(100));
        X509CertificateHolder leaf = TestPki.leaf("CN=alice.corp.example", TestPki.ec(), "C=DE,O=Corp,CN=Corp Issuing CA", intermediateKey);
        X509CertificateHolder cross = cross(1, PermittedSubtreeList.parse(List.of("dns:corp.example")).extension());
        validate(List.of(leaf, intermediate, cross), ourRoot);

        // pathLen 0 in the cross certificate leaves no room for their intermediate
        X509CertificateHolder tooShort = cross(0, null);
        assertThrows(CertPathValidatorException.class, () -> validate(List.of(leaf, intermediate, tooShort), ourRoot));
    }

    private static void validate(List<X509CertificateHolder> path, X509CertificateHolder anchor) throws Exception {
        List<X509Certificate> certs = new java.util.ArrayList<>();
        for (X509CertificateHolder h : path) {
            certs.add(TestPki.x509(h));
        }
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(TestPki.x509(anchor), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(certs), params);
    }
}
