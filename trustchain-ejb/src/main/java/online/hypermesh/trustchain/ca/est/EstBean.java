package online.hypermesh.trustchain.ca.est;

import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.est.CertsOnly;
import online.hypermesh.trustchain.bridge.est.CsrAttributes;
import online.hypermesh.trustchain.bridge.est.EstBase64;
import online.hypermesh.trustchain.bridge.est.EstCsr;
import online.hypermesh.trustchain.bridge.est.EstError;
import online.hypermesh.trustchain.bridge.est.ReenrollMatch;
import online.hypermesh.trustchain.bridge.est.ServerKeyGeneration;
import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.EstService;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * EST requests turned into the CA's own calls: enrollment is {@link IssuanceService#issue},
 * re-enrollment is {@link RenewalService#renew} (same names, linked to its predecessor, which is
 * superseded after the grace period), server-side key generation is an issuance for a request this
 * bean makes for a key it generates and forgets. The registration authority sees the caller the
 * edge authenticated, so an EST client gets exactly the names its account may have; a refusal
 * there is audited as {@code certificate.refused} and nothing else is stored.
 *
 * <p>A simpleenroll whose issuance needs four-eyes approval is held ({@link Approvals}, referenced
 * by account, profile and the CSR's digest) and answered 202; the same request again gets 202, the
 * certificate once approved, or the refusal. serverkeygen cannot wait and is refused.
 *
 * <p>No transaction of its own: issuance manages its own (it commits its intent before CT).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EstBean implements EstService {
    static final String PKCS7_CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";
    static final String CSR_ATTRS = "application/csrattrs";
    /** How long a client waits before it sends a held simpleenroll again. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Reply PENDING = new Reply("text/plain; charset=utf-8",
            ("the request waits for a second officer's approval; send the same request again in " + RETRY_AFTER_SECONDS + " s\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), RETRY_AFTER_SECONDS);

    @EJB
    IssuanceService issuance;

    @EJB
    RenewalService renewal;

    @EJB
    AuthorityRegistry registry;

    @EJB
    Approvals approvals;

    @Inject
    CertificateRepository certificates;

    @Override
    public Reply caCertificates(String label) {
        EstLabels.profile(label);
        // The active intermediates of every region (a client may be issued by any of them) and every
        // root, the active one first: RFC 7030 4.1.3 asks for what builds a chain to the current root.
        Set<X509CertificateHolder> certificates = new LinkedHashSet<>();
        registry.all().stream().filter(e -> !e.isRoot() && e.record().status() == AuthorityStatus.ACTIVE)
                .forEach(e -> certificates.add(e.authority().certificate()));
        certificates.addAll(registry.rootCertificates());
        if (certificates.isEmpty()) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "the CA hierarchy is not bootstrapped yet");
        }
        List<byte[]> der = new ArrayList<>();
        for (X509CertificateHolder c : certificates) {
            der.add(encoded(c));
        }
        return new Reply("application/pkcs7-mime", EstBase64.encode(CertsOnly.encode(der)));
    }

    @Override
    public Reply csrAttributes(String label) {
        CertificateProfile profile = EstLabels.profile(label);
        // Every profile takes RSA and P-256/P-384 keys; this asks for the one serverkeygen makes too, and says what the profile issues.
        return new Reply(CSR_ATTRS, EstBase64.encode(CsrAttributes.forProfile(SECObjectIdentifiers.secp256r1, X9ObjectIdentifiers.ecdsa_with_SHA256,
                profile.extendedKeyUsages())));
    }

    @Override
    public Reply simpleEnroll(String label, byte[] body, Caller caller) {
        CertificateProfile profile = EstLabels.profile(label);
        EstCsr csr = csr(body);
        IssuanceCommand command = new IssuanceCommand(csr.der(), profile.apiName(), null, null, caller);
        String reference = reference(caller, profile, csr);
        Optional<ApprovalView> held = approvals.byReference(reference);
        if (held.isPresent()) {
            return held(held.get());
        }
        if (approvals.holdIssuance(command, reference).isPresent()) {
            return PENDING;
        }
        IssuedCertificate issued = issuance.issue(command);
        return certsOnly(issued);
    }

    /**
     * The same simpleenroll again, for a request held for approval (RFC 7030 4.2.3): 202 while it
     * waits (also approved and still issuing), the certificate the approval issued, or the refusal
     * (403) once it was refused or failed.
     */
    private Reply held(ApprovalView approval) {
        Object serial = approval.result() == null ? null : approval.result().get("serial");
        if ("pending".equals(approval.status()) || ("approved".equals(approval.status()) && serial == null)) {
            return PENDING;
        }
        if (!"approved".equals(approval.status())) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "the request was " + approval.status() + " (approval " + approval.id() + ")"
                    + (approval.reason() == null ? "" : ": " + approval.reason()) + "; enroll with a new key");
        }
        CertificateRecord record = certificates.find(serial.toString()).filter(r -> r.der() != null)
                .orElseThrow(() -> TrustChainException.internal("certificate " + serial + ", issued by approval " + approval.id() + ", is missing", null));
        return new Reply(PKCS7_CERTS_ONLY, EstBase64.encode(CertsOnly.encode(List.of(record.der()))));
    }

    /** The approval's name of an EST request: the account, the label's profile and the CSR, which the client sends again unchanged. */
    private static String reference(Caller caller, CertificateProfile profile, EstCsr csr) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(csr.der());
            return "est:" + caller.name() + ":" + profile.apiName() + ":" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }

    @Override
    public Reply simpleReenroll(String label, byte[] body, X509Certificate current, Caller caller) {
        EstLabels.profile(label);
        if (current == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED,
                    "simplereenroll is authenticated by the certificate it renews: present it as the TLS client certificate");
        }
        EstCsr csr = csr(body);
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(current.getEncoded());
        } catch (CertificateEncodingException | java.io.IOException e) {
            throw TrustChainException.malformed("the TLS client certificate cannot be read: " + e.getMessage());
        }
        try {
            ReenrollMatch.require(csr, holder);
        } catch (EstError e) {
            throw refusal(e);
        }
        String serial = SerialNumbers.toHex(current.getSerialNumber());
        // The renewal keeps the current certificate's profile and region whatever the label says (4.2.2: a
        // re-enrollment renews that certificate); the label only has to exist.
        IssuedCertificate issued = renewal.renew(serial, csr.der(), null, caller);
        return certsOnly(issued);
    }

    @Override
    public Reply serverKeyGen(String label, byte[] body, Caller caller) {
        CertificateProfile profile = EstLabels.profile(label);
        EstCsr template = csr(body);
        KeyPair key = ServerKeyGeneration.newKeyPair();
        IssuanceCommand command = new IssuanceCommand(ServerKeyGeneration.requestFor(template, key), profile.apiName(), null, null, caller);
        if (approvals.requiresApproval(command)) {
            // The generated key is never stored, so its request cannot wait for a second officer: refused, never issued unapproved.
            throw new TrustChainException(ErrorKind.FORBIDDEN, "issuance under profile '" + profile.apiName() + "' needs a second officer's"
                    + " approval, and serverkeygen cannot wait for one (the key is never stored); generate the key yourself and use simpleenroll");
        }
        IssuedCertificate issued = issuance.issue(command);
        byte[] leaf = Pem.decode(issued.certificatePem(), "CERTIFICATE");
        ServerKeyGeneration.Multipart reply = ServerKeyGeneration.reply(key.getPrivate().getEncoded(), CertsOnly.encode(List.of(leaf)));
        return new Reply(reply.contentType(), reply.body());
    }

    private static EstCsr csr(byte[] body) {
        try {
            return EstCsr.parse(EstBase64.decode(body, "PKCS#10 request"));
        } catch (EstError e) {
            throw refusal(e);
        }
    }

    private static Reply certsOnly(IssuedCertificate issued) {
        // RFC 7030 4.2.3: "containing only the certificate that was issued"; cacerts has the chain.
        byte[] leaf = Pem.decode(issued.certificatePem(), "CERTIFICATE");
        return new Reply(PKCS7_CERTS_ONLY, EstBase64.encode(CertsOnly.encode(List.of(leaf))));
    }

    private static TrustChainException refusal(EstError e) {
        return e.status() == 404 ? TrustChainException.notFound(e.getMessage()) : TrustChainException.malformed(e.getMessage());
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
