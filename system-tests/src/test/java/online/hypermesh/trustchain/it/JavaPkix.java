package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The JDK's own PKIX validation with revocation checking, as a Java relying party does it: the
 * OCSP URL is taken from the certificate's AIA and the CRL from its distribution point (the
 * JDK fetches both itself), with no fallback to the other method, so each is tested alone.
 */
final class JavaPkix {
    static {
        // The JDK fetches CRLs from distribution points only when asked to.
        System.setProperty("com.sun.security.enableCRLDP", "true");
    }

    private final X509Certificate root;
    private final X509Certificate intermediate;

    JavaPkix(Path rootPem, Path intermediatePem) throws Exception {
        this.root = read(rootPem);
        this.intermediate = read(intermediatePem);
    }

    void validateWithOcsp(Path leafPem) throws Exception {
        validate(leafPem, false);
    }

    void validateWithCrl(Path leafPem) throws Exception {
        validate(leafPem, true);
    }

    /** Validation must fail because the leaf is revoked; returns the JDK's revocation details. */
    CertificateRevokedException expectRevoked(Path leafPem, boolean crl) {
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class, () -> validate(leafPem, crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason(), e.toString());
        assertTrue(e.getCause() instanceof CertificateRevokedException, String.valueOf(e.getCause()));
        return (CertificateRevokedException) e.getCause();
    }

    private void validate(Path leafPem, boolean crl) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(List.of(read(leafPem), intermediate));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        EnumSet<PKIXRevocationChecker.Option> options = EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY,
                PKIXRevocationChecker.Option.NO_FALLBACK);
        if (crl) {
            options.add(PKIXRevocationChecker.Option.PREFER_CRLS);
        }
        checker.setOptions(options);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false); // replaced by the checker below, which does the revocation checking
        params.addCertPathChecker(checker);
        validator.validate(path, params);
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
