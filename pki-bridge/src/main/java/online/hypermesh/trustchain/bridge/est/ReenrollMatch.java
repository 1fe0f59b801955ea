package online.hypermesh.trustchain.bridge.est;

import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * RFC 7030 4.2.2: a re-enrollment's request names what the current certificate names, "the
 * Subject field and SubjectAltName extension MUST be identical". Compared as values: the subject as
 * a name (RFC 5280 7.1), the SAN as a set of general names.
 */
public final class ReenrollMatch {
    private ReenrollMatch() {
    }

    /** 400 unless the request's subject and SAN are those of {@code current}. */
    public static void require(EstCsr csr, X509CertificateHolder current) {
        X500Name subject = current.getSubject();
        if (!subject.equals(csr.subject())) {
            throw EstError.badRequest("a re-enrollment must repeat the subject of the current certificate '" + subject
                    + "' (RFC 7030 4.2.2), but the request names '" + csr.subject() + "'");
        }
        Set<GeneralName> existing = EstCsr.names(GeneralNames.fromExtensions(current.getExtensions(), Extension.subjectAlternativeName));
        Set<GeneralName> requested = csr.subjectAltNames();
        if (!existing.equals(requested)) {
            throw EstError.badRequest("a re-enrollment must repeat the subjectAltName of the current certificate " + existing
                    + " (RFC 7030 4.2.2), but the request names " + requested + "; for other names use simpleenroll");
        }
    }
}
