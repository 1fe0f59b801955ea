package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/** The test hierarchy's intermediate plays the external CA; its leaves are what it "returned". */
class DelegatedCertificateCheckTest {
    private final TestHierarchy ca = TestHierarchy.shared();
    private final CsrValidator validator = new CsrValidator();

    private X509CertificateHolder issued(ValidatedCsr csr) {
        return ca.leafIssuer.issue(ca.intermediate, csr, CertificateProfile.SERVER, SerialNumbers.next(),
                Validity.startingAt(Instant.now(), CertificateProfile.SERVER.validity(null)));
    }

    private ValidatedCsr csr(String... names) throws Exception {
        return validator.validate(TestCsrs.csr(names), CertificateProfile.SERVER);
    }

    @Test
    void theCertificateForTheCsr_hasNoProblems() throws Exception {
        ValidatedCsr csr = csr("app.example.com", "api.example.com");
        assertEquals(List.of(), DelegatedCertificateCheck.problems(csr, issued(csr), ca.intermediate.certificate(), Instant.now()));
    }

    @Test
    void aCertificateForAnotherKey_isRefused() throws Exception {
        ValidatedCsr asked = csr("app.example.com");
        List<String> problems = DelegatedCertificateCheck.problems(asked, issued(csr("app.example.com")), ca.intermediate.certificate(),
                Instant.now());
        assertEquals(List.of("its public key is not the CSR's"), problems);
    }

    @Test
    void aCertificateWithOtherNames_isRefused_namingBoth() throws Exception {
        ValidatedCsr asked = csr("app.example.com");
        ValidatedCsr more = new ValidatedCsr(asked.der(), asked.publicKey(), asked.keyKind(),
                new SubjectNames(null, List.of("app.example.com", "extra.example.com"), List.of(), List.of()));
        List<String> problems = DelegatedCertificateCheck.problems(asked, issued(more), ca.intermediate.certificate(), Instant.now());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("[app.example.com, extra.example.com], not the requested [app.example.com]"), problems.get(0));
    }

    @Test
    void aCertificateOfAnotherIssuer_isRefused() throws Exception {
        ValidatedCsr csr = csr("app.example.com");
        List<String> problems = DelegatedCertificateCheck.problems(csr, issued(csr), ca.root.certificate(), Instant.now());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("its issuer "), problems.get(0));
    }

    @Test
    void aCertificateNotValidNow_isRefused() throws Exception {
        ValidatedCsr csr = csr("app.example.com");
        List<String> problems = DelegatedCertificateCheck.problems(csr, issued(csr), ca.intermediate.certificate(),
                Instant.now().plusSeconds(30L * 24 * 3600));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("it is not valid now")), problems.toString());
    }
}
