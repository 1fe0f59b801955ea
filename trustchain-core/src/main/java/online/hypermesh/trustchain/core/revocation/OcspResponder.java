package online.hypermesh.trustchain.core.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.OutageLog;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.BouncyCastle;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * Answers DER OCSP requests with DER-ready OCSP responses (RFC 6960), without HTTP.
 *
 * <p>Policy for requests naming several issuers: one BasicOCSPResponse has one signer, and a
 * delegated responder may only speak for the CA that certified it. The first CertID naming an
 * authority we serve picks the responder; CertIDs naming any other issuer are answered
 * {@code unknown} (RFC 6960 2.2: "unrecognized issuer that is not served by this responder").
 * If no CertID names an authority we serve, the whole response is {@code unauthorized} (RFC 6960
 * 2.3), which is what clients expect from a responder that is asked about a foreign CA.
 *
 * <p>Stateless and thread-safe; build a new one when responder credentials rotate.
 */
public final class OcspResponder {
    private static final System.Logger LOG = System.getLogger(OcspResponder.class.getName());
    /** Far beyond any honest request (one CertID is ~80 bytes); stops resource abuse before parsing. */
    public static final int MAX_REQUEST_BYTES = 8 * 1024;
    /** Relying parties ask about one certificate; a small batch is allowed, not a bulk query. */
    public static final int MAX_CERT_IDS = 16;

    private final CryptoToken token;
    private final List<OcspResponderCredential> responders;
    private final CertificateStatusLookup lookup;
    private final Clock clock;
    private final Duration responseValidity;
    private final DigestCalculatorProvider digests;
    private final OcspResponseLinter linter;

    /**
     * @param responseValidity the gap between thisUpdate and nextUpdate: how long clients may cache an answer
     */
    public OcspResponder(CryptoToken token, List<OcspResponderCredential> responders, CertificateStatusLookup lookup,
                         Clock clock, Duration responseValidity) {
        this.token = token;
        this.responders = List.copyOf(responders);
        this.lookup = lookup;
        this.clock = clock;
        this.responseValidity = responseValidity;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
        } catch (OperatorCreationException e) {
            throw TrustChainException.internal("no digest provider for OCSP", e);
        }
        this.linter = new OcspResponseLinter(digests);
    }

    /** The response for {@code requestDer}; never throws for bad input, which gets malformedRequest instead. */
    public OCSPResp respond(byte[] requestDer) {
        OCSPReq request;
        Optional<Extension> nonce;
        try {
            request = parse(requestDer);
            nonce = OcspNonce.of(request);
        } catch (RuntimeException | java.io.IOException e) {
            return status(OCSPResponseStatus.MALFORMED_REQUEST);
        }
        Req[] entries = request.getRequestList();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<OcspResponderCredential> responder = responderFor(entries, Date.from(now));
        if (responder.isEmpty()) {
            return status(OCSPResponseStatus.UNAUTHORIZED);
        }
        if (!responder.get().certificate().isValidOn(Date.from(now))) {
            // Relying parties would reject a response signed with an expired responder certificate;
            // tryLater tells them to come back once the operator has rotated it.
            return status(OCSPResponseStatus.TRY_LATER);
        }
        try {
            return sign(responder.get(), entries, nonce, now);
        } catch (OCSPException | RuntimeException e) {
            var outage = ErrorClassifier.databaseOutage(e);
            if (outage.isPresent()) {
                // The status could not be read (a store wraps the lost connection as it likes):
                // RFC 6960's answer is tryLater, and the outage is logged once with reminders,
                // not a stack trace per request.
                OutageLog.shared().failed(outage.get());
                return status(OCSPResponseStatus.TRY_LATER);
            }
            if (e instanceof TrustChainException t) {
                // A lint failure is a bug: nothing was signed, and the client is told internalError.
                return status(t.kind() == ErrorKind.UNAVAILABLE ? OCSPResponseStatus.TRY_LATER : OCSPResponseStatus.INTERNAL_ERROR);
            }
            // Bouncy Castle wraps what the signing step threw, a lint failure included: nothing was signed.
            LOG.log(System.Logger.Level.ERROR, "OCSP response not signed: " + e.getMessage(), e);
            return status(OCSPResponseStatus.INTERNAL_ERROR);
        }
    }

    private static OCSPReq parse(byte[] der) throws java.io.IOException {
        if (der == null || der.length == 0 || der.length > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("request size out of range");
        }
        OCSPReq request = new OCSPReq(der);
        int count = request.getRequestList().length;
        if (count == 0 || count > MAX_CERT_IDS) {
            throw new IllegalArgumentException("request must name 1 to " + MAX_CERT_IDS + " certificates");
        }
        return request;
    }

    /**
     * The credential for the first CertID naming a served authority. During a rotation two
     * credentials may serve one authority; one whose certificate is currently valid wins.
     */
    private Optional<OcspResponderCredential> responderFor(Req[] entries, Date now) {
        for (Req entry : entries) {
            List<OcspResponderCredential> matching = responders.stream()
                    .filter(candidate -> names(entry.getCertID(), candidate.authority())).toList();
            if (!matching.isEmpty()) {
                return Optional.of(matching.stream().filter(c -> c.certificate().isValidOn(now)).findFirst().orElse(matching.get(0)));
            }
        }
        return Optional.empty();
    }

    /** Issuer name and key hash match, computed with whatever hash the client chose (SHA-1 or SHA-2). */
    private boolean names(CertificateID id, IssuingAuthority authority) {
        try {
            return id.matchesIssuer(authority.certificate(), digests);
        } catch (OCSPException | RuntimeException e) {
            return false; // a hash we do not support cannot name an issuer we serve
        }
    }

    private OCSPResp sign(OcspResponderCredential responder, Req[] entries, Optional<Extension> nonce, Instant now)
            throws OCSPException {
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(responseValidity));
        byte[] keyHash = KeyIdentifiers.of(responder.certificate().getSubjectPublicKeyInfo());
        // byKey rather than byName: RFC 6960 lets either, and byKey survives a responder rename.
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(new ResponderID(new DEROctetString(keyHash))));
        for (Req entry : entries) {
            CertificateID id = entry.getCertID();
            CertificateStatus status = names(id, responder.authority())
                    ? lookup.status(responder.authority(), id.getSerialNumber())
                    : CertificateStatus.unknown();
            builder.addResponse(id, toBc(status), thisUpdate, nextUpdate, null);
        }
        nonce.ifPresent(n -> builder.setResponseExtensions(new Extensions(n)));
        BasicOCSPResp basic = builder.build(
                new TokenContentSigner(token, responder, linter, now),
                new X509CertificateHolder[] {responder.certificate()}, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    private static org.bouncycastle.cert.ocsp.CertificateStatus toBc(CertificateStatus status) {
        if (status instanceof CertificateStatus.Revoked r) {
            // As in CRLs, the reason is left out rather than stated as "unspecified" (RFC 5280 5.3.1).
            CRLReason reason = r.reason() == RevocationReason.UNSPECIFIED ? null : CRLReason.lookup(r.reason().code());
            return new RevokedStatus(new RevokedInfo(new ASN1GeneralizedTime(Date.from(r.time())), reason));
        }
        if (status instanceof CertificateStatus.Good) {
            return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        return new UnknownStatus();
    }

    private static OCSPResp status(int code) {
        return new OCSPResp(new OCSPResponse(new OCSPResponseStatus(code), null));
    }
}
