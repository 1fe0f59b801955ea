package online.hypermesh.trustchain.core.x509;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Turns the bytes of a certificate signing request into a {@link ValidatedCsr}, or rejects it
 * with an error that says exactly what is wrong. Checks, in order: size, encoding (PEM or DER
 * PKCS#10), key type, the self-signature (proof of possession), and the names.
 *
 * <p>Only the CN of the subject and the subjectAltName of the extension request are used;
 * other subject attributes and requested extensions are ignored, because the CA cannot
 * validate them and the profile decides the extensions.
 */
public final class CsrValidator {
    /** Generous for an RSA-8192 CSR with many names; anything larger is not a CSR we want to parse. */
    public static final int MAX_CSR_BYTES = 64 * 1024;
    public static final int MAX_NAMES = 100;
    private static final int MAX_URI_LENGTH = 2048;

    public ValidatedCsr validate(byte[] body, CertificateProfile profile) {
        if (body == null || body.length == 0) {
            throw TrustChainException.malformed("the request contains no CSR");
        }
        if (body.length > MAX_CSR_BYTES) {
            throw TrustChainException.malformed("the CSR is " + body.length + " bytes; at most " + MAX_CSR_BYTES + " are accepted");
        }
        byte[] der = Pem.looksLikePem(body)
                ? Pem.decode(new String(body, StandardCharsets.US_ASCII), "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")
                : body;
        PKCS10CertificationRequest csr = parse(der);
        PublicKeyKind keyKind = PublicKeyKind.of(csr.getSubjectPublicKeyInfo());
        verifySignature(csr);
        SubjectNames names = names(csr.getSubject(), requestedSans(csr), profile);
        return new ValidatedCsr(der, csr.getSubjectPublicKeyInfo(), keyKind, names);
    }

    /**
     * A request whose proof of possession its edge verified (CRMF, RFC 4211 4.1): the same key and
     * name checks as for a CSR, on the template's key, subject and subjectAltName.
     */
    public ValidatedCsr validate(ProvenKeyRequest request, CertificateProfile profile) {
        if (request.der() == null || request.der().length > MAX_CSR_BYTES) {
            throw TrustChainException.malformed("the certificate request is missing or larger than " + MAX_CSR_BYTES + " bytes");
        }
        if (request.publicKey() == null) {
            throw TrustChainException.malformed("the certificate request has no public key");
        }
        PublicKeyKind keyKind = PublicKeyKind.of(request.publicKey());
        List<GeneralName> sans = new ArrayList<>();
        if (request.extensions() != null) {
            GeneralNames requested;
            try {
                requested = GeneralNames.fromExtensions(request.extensions(), Extension.subjectAlternativeName);
            } catch (RuntimeException e) {
                throw TrustChainException.malformed("the certificate request's subjectAltName is not valid GeneralNames");
            }
            if (requested != null) {
                sans.addAll(List.of(requested.getNames()));
            }
        }
        X500Name subject = request.subject() != null ? request.subject() : new X500Name(new RDN[0]);
        return new ValidatedCsr(request.der().clone(), request.publicKey(), keyKind, names(subject, sans, profile));
    }

    private static PKCS10CertificationRequest parse(byte[] der) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            if (csr.getSubjectPublicKeyInfo() == null || csr.getSignature() == null) {
                throw TrustChainException.malformed("the body is not a PKCS#10 certificate signing request");
            }
            return csr;
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof TrustChainException tce) {
                throw tce;
            }
            throw TrustChainException.malformed("the body is not a PKCS#10 certificate signing request (DER or PEM 'CERTIFICATE REQUEST')");
        }
    }

    private static void verifySignature(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new TrustChainException(ErrorKind.BAD_CSR_SIGNATURE,
                    "the CSR signature cannot be checked (" + csr.getSignatureAlgorithm().getAlgorithm().getId()
                            + "); sign the CSR with the key it contains, using SHA-256 or stronger");
        }
        if (!valid) {
            throw new TrustChainException(ErrorKind.BAD_CSR_SIGNATURE,
                    "the CSR signature does not verify with the public key it contains: the request was altered or not signed by that key");
        }
    }

    private static SubjectNames names(X500Name subject, List<GeneralName> requestedSans, CertificateProfile profile) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        Set<URI> uris = new LinkedHashSet<>();
        for (GeneralName name : requestedSans) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns.add(DnsNames.requireValid(string(name)));
                case GeneralName.iPAddress -> ips.add(ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets()));
                case GeneralName.uniformResourceIdentifier -> uris.add(uri(string(name), profile));
                default -> throw TrustChainException.badName("subjectAltName of type " + sanType(name.getTagNo())
                        + " is not supported; use DNS names, IP addresses or URIs");
            }
        }
        String commonName = commonName(subject);
        if (commonName != null) {
            // BR 7.1.4.3: a CN must repeat a SAN value, so a CN-only request gets it added as a SAN.
            InetAddress asIp = literalIp(commonName);
            if (asIp != null) {
                ips.add(asIp);
                commonName = asIp.getHostAddress();
            } else {
                commonName = DnsNames.requireValid(commonName);
                dns.add(commonName);
            }
        }
        if (dns.isEmpty() && ips.isEmpty() && uris.isEmpty()) {
            throw TrustChainException.badName("the CSR contains no usable name: put DNS names or IP addresses in a subjectAltName extension request (or a CN)");
        }
        if (!profile.allowsUris() && !uris.isEmpty()) {
            throw TrustChainException.badName("profile " + profile.apiName() + " is a TLS server certificate, which carries only DNS names and"
                    + " IP addresses (CA/Browser Forum BR 7.1.2.7.12); remove the URI names, or ask for profile client for a URI such as a SPIFFE ID");
        }
        int total = dns.size() + ips.size() + uris.size();
        if (total > MAX_NAMES) {
            throw TrustChainException.badName("the CSR names " + total + " subjects; at most " + MAX_NAMES + " are allowed");
        }
        if (commonName == null && !dns.isEmpty()) {
            commonName = dns.iterator().next();
        }
        return new SubjectNames(commonName, new ArrayList<>(dns), new ArrayList<>(ips), new ArrayList<>(uris));
    }

    private static List<GeneralName> requestedSans(PKCS10CertificationRequest csr) {
        List<GeneralName> out = new ArrayList<>();
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                Extensions extensions;
                try {
                    extensions = Extensions.getInstance(value);
                } catch (RuntimeException e) {
                    throw TrustChainException.malformed("the CSR's extensionRequest attribute is not a valid Extensions structure");
                }
                GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (sans != null) {
                    out.addAll(List.of(sans.getNames()));
                }
            }
        }
        return out;
    }

    private static String commonName(X500Name subject) {
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return null;
        }
        if (cns.length > 1 || cns[0].isMultiValued()) {
            throw TrustChainException.badName("the CSR subject has more than one common name; put extra names in the subjectAltName");
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        if (!(value instanceof ASN1String s)) {
            throw TrustChainException.badName("the CSR's common name is not a string");
        }
        String cn = s.getString().trim();
        return cn.isEmpty() ? null : cn;
    }

    private static String string(GeneralName name) {
        if (!(name.getName() instanceof ASN1String s)) {
            throw TrustChainException.malformed("a subjectAltName value is not a string");
        }
        String value = s.getString();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw TrustChainException.badName("subjectAltName '" + value + "' contains whitespace, control or non-ASCII characters");
            }
        }
        return value;
    }

    private static InetAddress ipAddress(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            throw TrustChainException.badName("an IP address subjectAltName must be 4 (IPv4) or 16 (IPv6) octets, not " + octets.length);
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw TrustChainException.badName("invalid IP address in subjectAltName");
        }
    }

    private static URI uri(String value, CertificateProfile profile) {
        if (value.length() > MAX_URI_LENGTH) {
            throw TrustChainException.badName("URI subjectAltName longer than " + MAX_URI_LENGTH + " characters");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getScheme() == null || (uri.getHost() == null && uri.getRawAuthority() == null)) {
                throw TrustChainException.badName("URI subjectAltName '" + value + "' must be absolute with a host, like spiffe://mesh/service");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw TrustChainException.badName("URI subjectAltName '" + value + "' is not a valid URI: " + e.getReason());
        }
    }

    /** Parses a literal IPv4 or IPv6 address without ever doing a DNS lookup; null if it is not one. */
    static InetAddress literalIp(String text) {
        try {
            if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                String[] parts = text.split("\\.");
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int value = Integer.parseInt(parts[i]);
                    if (value > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                        throw TrustChainException.badName("'" + text + "' is not a valid IPv4 address");
                    }
                    octets[i] = (byte) value;
                }
                return InetAddress.getByAddress(octets);
            }
            if (text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")) {
                return InetAddress.getByName(text); // a literal with ':' never triggers a lookup
            }
            return null;
        } catch (UnknownHostException e) {
            throw TrustChainException.badName("'" + text + "' is not a valid IP address");
        }
    }

    private static String sanType(int tag) {
        return switch (tag) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.rfc822Name -> "rfc822Name (email)";
            case GeneralName.x400Address -> "x400Address";
            case GeneralName.directoryName -> "directoryName";
            case GeneralName.ediPartyName -> "ediPartyName";
            case GeneralName.registeredID -> "registeredID";
            default -> "tag " + tag;
        };
    }
}
