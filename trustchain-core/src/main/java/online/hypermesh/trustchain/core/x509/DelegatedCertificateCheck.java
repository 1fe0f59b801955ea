package online.hypermesh.trustchain.core.x509;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Whether a certificate an external CA issued for a delegated request is the one that was asked
 * for: the CSR's public key, exactly the requested names (no more, no fewer), an end-entity
 * certificate, signed by the configured external CA certificate, valid now. TrustChain's
 * registration checks approved the request's names and key, so a certificate that differs in
 * either was not approved and is not handed out, whatever the external CA meant by it.
 */
public final class DelegatedCertificateCheck {
    private DelegatedCertificateCheck() {
    }

    /** What is wrong with {@code issued}, one sentence each; empty if it is the certificate requested. */
    public static List<String> problems(ValidatedCsr csr, X509CertificateHolder issued, X509CertificateHolder caCertificate, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!issued.getSubjectPublicKeyInfo().equals(csr.publicKey())) {
            problems.add("its public key is not the CSR's");
        }
        Set<String> requested = new HashSet<>(normalised(csr.names()));
        Set<String> got = new HashSet<>(sanNames(issued).stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        if (!requested.equals(got)) {
            problems.add("its subjectAltName holds " + sorted(got) + ", not the requested " + sorted(requested));
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(issued.getExtensions());
        if (constraints != null && constraints.isCA()) {
            problems.add("it is a CA certificate (basicConstraints cA true)");
        }
        if (!issued.getIssuer().equals(caCertificate.getSubject())) {
            problems.add("its issuer " + issued.getIssuer() + " is not the configured external CA " + caCertificate.getSubject());
        } else if (!signedBy(issued, caCertificate)) {
            problems.add("its signature does not verify with the configured external CA certificate's key");
        }
        if (!issued.isValidOn(java.util.Date.from(now))) {
            problems.add("it is not valid now (" + issued.getNotBefore().toInstant() + " to " + issued.getNotAfter().toInstant() + ")");
        }
        if (!caCertificate.isValidOn(java.util.Date.from(now))) {
            problems.add("the configured external CA certificate is not valid now (until " + caCertificate.getNotAfter().toInstant() + ")");
        }
        return problems;
    }

    /** The certificate's SAN values as text, as {@link SubjectNames#asText()} writes them. */
    public static List<String> sanNames(X509CertificateHolder certificate) {
        List<String> names = new ArrayList<>();
        Extension san = certificate.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return names;
        }
        for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> names.add(ASN1IA5String.getInstance(name.getName()).getString().toLowerCase(Locale.ROOT));
                case GeneralName.iPAddress -> names.add(address(ASN1OctetString.getInstance(name.getName()).getOctets()));
                case GeneralName.uniformResourceIdentifier -> names.add(URI.create(ASN1IA5String.getInstance(name.getName()).getString()).toString());
                default -> names.add("(GeneralName tag " + name.getTagNo() + ")");
            }
        }
        return names;
    }

    private static List<String> normalised(SubjectNames names) {
        return names.asText().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            return "(IP address of " + octets.length + " octets)";
        }
    }

    private static boolean signedBy(X509CertificateHolder issued, X509CertificateHolder ca) {
        try {
            return issued.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(ca));
        } catch (Exception e) {
            return false;
        }
    }
}
