package online.hypermesh.trustchain.bridge.acme;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The "csr" of a finalize request (RFC 8555 7.4): base64url DER of a PKCS#10 request whose names
 * must be exactly the order's identifiers. Its signature, key and profile are checked again by
 * the CA's CSR validator; here only what the ACME order needs.
 */
public final class AcmeCsr {
    private AcmeCsr() {
    }

    /** The DER, after checking that its DNS names (SANs and CN) are exactly {@code identifiers}. */
    public static byte[] matching(String csrB64, Set<String> identifiers) {
        byte[] der = Base64Url.decode(csrB64, "\"csr\"");
        Set<String> names = new TreeSet<>();
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            for (RDN rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
                names.add(IETFUtils.valueToString(rdn.getFirst().getValue()).toLowerCase(Locale.ROOT));
            }
            for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
                GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (sans == null) {
                    continue;
                }
                for (GeneralName n : sans.getNames()) {
                    if (n.getTagNo() != GeneralName.dNSName) {
                        throw new AcmeProblem(Type.BAD_CSR, "the CSR names " + n + "; an ACME order here has DNS names only");
                    }
                    names.add(n.getName().toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AcmeProblem p) {
                throw p;
            }
            throw new AcmeProblem(Type.BAD_CSR, "\"csr\" is not a DER PKCS#10 request: " + e.getMessage());
        }
        if (!names.equals(new TreeSet<>(identifiers))) {
            throw new AcmeProblem(Type.BAD_CSR, "the CSR names " + names + " but the order is for " + new TreeSet<>(identifiers)
                    + "; they must be the same (RFC 8555 7.4)");
        }
        return der;
    }
}
