package online.hypermesh.trustchain.core.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * Checks the exact ResponseData bytes of an OCSP response before the responder key signs them
 * (RFC 6960 4.2, CA/Browser Forum BR 4.9.10), as {@code CertificateLinter} does for certificates:
 * the response names its signer by that signer's key, is produced now, answers at most
 * {@link OcspResponder#MAX_CERT_IDS} CertIDs with a bounded validity, states good or revoked only
 * for certificates of the CA that certified the responder, and the responder certificate is an
 * OCSP signing certificate valid at production time. A failure is a bug, so nothing is signed.
 */
final class OcspResponseLinter {
    /** BR 4.9.10: the validity interval of a response (nextUpdate - thisUpdate) is at most ten days. */
    static final Duration MAX_VALIDITY = Duration.ofDays(10);
    /** How far producedAt and thisUpdate may be from this host's clock (the responder sets them itself). */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    private final DigestCalculatorProvider digests;

    OcspResponseLinter(DigestCalculatorProvider digests) {
        this.digests = digests;
    }

    /** Throws LINT_FAILURE with every problem found unless {@code responseDataDer} may be signed by {@code responder} at {@code now}. */
    void lint(byte[] responseDataDer, OcspResponderCredential responder, Instant now) {
        List<String> problems = new ArrayList<>();
        ResponseData data;
        try {
            data = ResponseData.getInstance(ASN1Sequence.getInstance(responseDataDer));
        } catch (RuntimeException e) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign an OCSP response: its ResponseData does not parse");
        }
        if (data.getVersion() != null && data.getVersion().intValueExact() != 0) {
            problems.add("version must be v1");
        }
        responderId(data.getResponderID(), responder, problems);
        Instant producedAt = instant(data.getProducedAt());
        if (Duration.between(producedAt, now).abs().compareTo(CLOCK_TOLERANCE) > 0) {
            problems.add("producedAt " + producedAt + " is not now");
        }
        if (!responder.certificate().isValidOn(Date.from(producedAt))) {
            problems.add("the responder certificate is not valid at producedAt");
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(responder.certificate().getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            problems.add("the responder certificate lacks the id-kp-OCSPSigning extended key usage");
        }
        ASN1Sequence responses = data.getResponses();
        if (responses.size() == 0 || responses.size() > OcspResponder.MAX_CERT_IDS) {
            problems.add("a response answers 1 to " + OcspResponder.MAX_CERT_IDS + " CertIDs, not " + responses.size());
        }
        for (int i = 0; i < responses.size(); i++) {
            single(i, SingleResponse.getInstance(responses.getObjectAt(i)), responder, producedAt, problems);
        }
        if (!problems.isEmpty()) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign an OCSP response: " + String.join("; ", problems));
        }
    }

    /** byKey, with the SHA-1 hash of the responder certificate's key (RFC 6960 4.2.1). */
    private static void responderId(ResponderID id, OcspResponderCredential responder, List<String> problems) {
        byte[] byKey = id.getKeyHash(); // null when the responder is named byName
        if (byKey == null || !Arrays.equals(byKey, KeyIdentifiers.of(responder.certificate().getSubjectPublicKeyInfo()))) {
            problems.add("responderID must be byKey with the hash of the signing responder's key");
        }
    }

    private void single(int i, SingleResponse response, OcspResponderCredential responder, Instant producedAt, List<String> problems) {
        String which = "response " + i + ": ";
        Instant thisUpdate = instant(response.getThisUpdate());
        if (thisUpdate.isAfter(producedAt.plus(CLOCK_TOLERANCE))) {
            problems.add(which + "thisUpdate is later than producedAt");
        }
        if (response.getNextUpdate() == null) {
            problems.add(which + "nextUpdate is required (RFC 5019 2.2.4)");
        } else {
            Duration validity = Duration.between(thisUpdate, instant(response.getNextUpdate()));
            if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
                problems.add(which + "nextUpdate - thisUpdate must be positive and at most " + MAX_VALIDITY.toDays() + " days, was " + validity);
            }
        }
        CertStatus status = response.getCertStatus();
        if (status.getTagNo() == 2) { // CertStatus ::= CHOICE { good [0], revoked [1], unknown [2] }
            return; // a responder may say "unknown" about anything
        }
        if (!namesResponderAuthority(new CertificateID(response.getCertID()), responder)) {
            problems.add(which + "states good or revoked for a certificate of a CA that did not certify this responder");
        }
        if (status.getTagNo() == 1) {
            Instant revokedAt = instant(RevokedInfo.getInstance(status.getStatus()).getRevocationTime());
            if (revokedAt.isAfter(producedAt.plus(CLOCK_TOLERANCE))) {
                problems.add(which + "revocationTime is in the future");
            }
        }
    }

    private boolean namesResponderAuthority(CertificateID id, OcspResponderCredential responder) {
        try {
            return id.matchesIssuer(responder.authority().certificate(), digests);
        } catch (OCSPException | RuntimeException e) {
            return false;
        }
    }

    private static Instant instant(ASN1GeneralizedTime time) {
        try {
            return time.getDate().toInstant();
        } catch (java.text.ParseException e) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign an OCSP response: a time does not parse");
        }
    }
}
