package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * Replaces an issuing CA by its next generation under {@code root}, in the caller's transaction,
 * which must hold the hierarchy lock: a new key and certificate (named as CAs are named now),
 * the old CA retired naming its successor, one audit event. The old CA's certificates stay valid
 * and it keeps its CRLs and OCSP responder. Used by key rollover and by the start-up step that
 * replaces CAs whose names predate countryName.
 */
public final class IntermediateSuccession {
    private final CaSigner signer;
    private final AuthorityRepository authorities;
    private final AuditTrail audit;
    private final AuthorityNaming naming;

    public IntermediateSuccession(CaSigner signer, AuthorityRepository authorities, AuditTrail audit, AuthorityNaming naming) {
        this.signer = signer;
        this.authorities = authorities;
        this.audit = audit;
        this.naming = naming;
    }

    /** @param why extra audit details (for example the reason), beside successor, subject and region */
    public IssuingAuthority succeed(AuthorityRecord old, IssuingAuthority root, Instant now, String actor, Map<String, String> why) {
        int generation = AuthorityNaming.generation(old.id()) + 1;
        String id = AuthorityNaming.intermediateId(old.region(), generation);
        X500Name subject = naming.intermediateSubject(old.region(), generation);
        IssuingAuthority ca = signer.createIntermediate(root, id, subject, validityUnder(root, now));
        authorities.retire(old.id(), id, now);
        authorities.add(AuthorityRecord.newActive(ca, root.id(), old.region()));
        Map<String, String> details = new HashMap<>(why);
        details.putAll(Map.of("successor", id, "subject", subject.toString(), "region", old.region()));
        audit.record(new AuditEvent(actor, "authority.rolled-over", "authority", old.id(), details));
        return ca;
    }

    /** Three years, but never past the root's own notAfter (RFC 5280 6.1: a path is valid only while every certificate is). */
    private static Duration validityUnder(IssuingAuthority root, Instant now) {
        Duration untilRootExpires = Duration.between(now, root.certificate().getNotAfter().toInstant()).minusDays(1);
        Duration threeYears = AuthorityNaming.years(3);
        return untilRootExpires.compareTo(threeYears) < 0 ? untilRootExpires : threeYears;
    }
}
