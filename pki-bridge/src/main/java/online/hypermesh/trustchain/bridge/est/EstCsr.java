package online.hypermesh.trustchain.bridge.est;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The PKCS#10 request of simpleenroll, simplereenroll and serverkeygen (RFC 7030 4.2.1), parsed
 * and with its signature checked. The issuance path checks it again in full (key, names, policy);
 * this is what EST itself needs: the subject and SAN a re-enrollment must repeat, and the
 * extensions a server-generated key's request copies.
 */
public final class EstCsr {
    /** Not registered with the JVM: keys are looked up by OID, which BC's provider knows for every algorithm. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final PKCS10CertificationRequest request;
    private final byte[] der;

    private EstCsr(PKCS10CertificationRequest request, byte[] der) {
        this.request = request;
        this.der = der.clone();
    }

    /** 400 unless {@code der} is one PKCS#10 request whose signature verifies with its own key. */
    public static EstCsr parse(byte[] der) {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw EstError.badRequest("the body is not a PKCS#10 certification request (DER, base64-encoded): " + e.getMessage());
        }
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(request.getSubjectPublicKeyInfo()))) {
                throw EstError.badRequest("the signature of the certification request does not verify with its public key");
            }
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            if (e instanceof EstError error) {
                throw error;
            }
            throw EstError.badRequest("the signature of the certification request cannot be checked: " + e.getMessage());
        }
        return new EstCsr(request, der);
    }

    /** The request exactly as the client sent it (the issuance path checks its signature again over these bytes). */
    public byte[] der() {
        return der.clone();
    }

    public X500Name subject() {
        return request.getSubject();
    }

    /** The extensions the request asks for (its extensionRequest attribute), or null. */
    public Extensions requestedExtensions() {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw EstError.badRequest("the certification request has more than one extensionRequest");
        }
        return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
    }

    /** The subjectAltName entries the request asks for, as a set (their order carries no meaning). */
    public Set<GeneralName> subjectAltNames() {
        Extensions extensions = requestedExtensions();
        return names(extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName));
    }

    static Set<GeneralName> names(GeneralNames names) {
        Set<GeneralName> out = new HashSet<>();
        if (names != null) {
            out.addAll(List.of(names.getNames()));
        }
        return out;
    }
}
