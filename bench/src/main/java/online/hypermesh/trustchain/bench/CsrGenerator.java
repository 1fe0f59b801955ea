package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.util.List;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Makes PKCS#10 requests with a fresh key, CN and a DNS SAN {@code svc-<n>.bench.hypermesh.online}. */
final class CsrGenerator {
    private static final Provider BC = new BouncyCastleProvider();

    private final KeyType keyType;

    CsrGenerator(KeyType keyType) {
        this.keyType = keyType;
    }

    static String dnsName(int n) {
        return "svc-" + n + ".bench.hypermesh.online";
    }

    PKCS10CertificationRequest generate(int n) throws GeneralSecurityException {
        return generate(dnsName(n));
    }

    /** One CSR for the given DNS name (CN and SAN), with a fresh key. */
    PKCS10CertificationRequest generate(String name) throws GeneralSecurityException {
        KeyPair keyPair = keyType.generate(BC);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            ContentSigner signer = new JcaContentSignerBuilder(keyType.signatureAlgorithm())
                    .setProvider(BC).build(keyPair.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** DER encodings of CSRs 0..count-1, generated on all cores. */
    List<byte[]> generateDer(int count) {
        return IntStream.range(0, count).parallel().mapToObj(this::der).toList();
    }

    private byte[] der(int n) {
        try {
            return generate(n).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate CSR " + n + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
