package online.hypermesh.trustchain.ca.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class ApprovalPolicyTest {

    private static Approval approval(ApprovalStatus status, String requester) {
        return new Approval(7, ApprovalAction.REVOKE, status, requester, Set.of("officer"), Instant.EPOCH, "revoke 5c1e (keyCompromise)",
                Map.of("serial", "5c1e", "reason", "keyCompromise"), status == ApprovalStatus.PENDING ? null : "other",
                status == ApprovalStatus.PENDING ? null : Instant.EPOCH, null, null);
    }

    @Test
    void none_requiresNothing() {
        ApprovalPolicy p = ApprovalPolicy.none();
        for (ApprovalAction a : ApprovalAction.values()) {
            assertFalse(p.requires(a), a.apiName());
        }
        assertFalse(p.requiresIssuance("server", 720));
    }

    @Test
    void requires_onlyTheListedActions() {
        ApprovalPolicy p = new ApprovalPolicy(Set.of(ApprovalAction.REVOKE, ApprovalAction.ROOT_ROLLOVER), Set.of(), 0);
        assertTrue(p.requires(ApprovalAction.REVOKE));
        assertTrue(p.requires(ApprovalAction.ROOT_ROLLOVER));
        assertFalse(p.requires(ApprovalAction.REVOKE_ALL));
        assertFalse(p.requires(ApprovalAction.ACCOUNT_SCOPES));
        assertFalse(p.requiresIssuance("client", 700), "issuance not listed: no profile or validity rule applies");
    }

    @Test
    void requiresIssuance_underTheNamedProfilesOnly() {
        ApprovalPolicy p = new ApprovalPolicy(Set.of(ApprovalAction.ISSUANCE), Set.of("client"), 0);
        assertTrue(p.requiresIssuance("client", null));
        assertTrue(p.requiresIssuance(" client ", 1));
        assertFalse(p.requiresIssuance("server", 700));
        assertFalse(p.requiresIssuance(null, null), "no profile means server");
    }

    @Test
    void requiresIssuance_aboveTheValidity_defaultCountsAs24Hours() {
        ApprovalPolicy p = new ApprovalPolicy(Set.of(ApprovalAction.ISSUANCE), Set.of(), 48);
        assertFalse(p.requiresIssuance("server", 48), "at the limit is not above it");
        assertTrue(p.requiresIssuance("server", 49));
        assertFalse(p.requiresIssuance("server", null));
        ApprovalPolicy strict = new ApprovalPolicy(Set.of(ApprovalAction.ISSUANCE), Set.of(), 12);
        assertTrue(strict.requiresIssuance("server", null), "the default validity (24 h) is above 12");
    }

    @Test
    void requiresIssuance_profileOrValidity() {
        ApprovalPolicy p = new ApprovalPolicy(Set.of(ApprovalAction.ISSUANCE), Set.of("service"), 100);
        assertTrue(p.requiresIssuance("service", 1));
        assertTrue(p.requiresIssuance("server", 101));
        assertFalse(p.requiresIssuance("server", 100));
    }

    @Test
    void requiresIssuance_everyIssuanceWhenNeitherRuleIsNamed() {
        ApprovalPolicy p = new ApprovalPolicy(Set.of(ApprovalAction.ISSUANCE), Set.of(), 0);
        assertTrue(p.requiresIssuance("server", 1));
        assertTrue(p.requiresIssuance(null, null));
    }

    @Test
    void checkDecision_requesterCannotApproveOwnRequest() {
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ApprovalPolicy.checkDecision(approval(ApprovalStatus.PENDING, "officer-a"), "officer-a", true));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertTrue(e.detail().contains("second officer"), e.detail());
    }

    @Test
    void checkDecision_anotherAccountMayApprove_andTheRequesterMayWithdraw() {
        assertDoesNotThrow(() -> ApprovalPolicy.checkDecision(approval(ApprovalStatus.PENDING, "officer-a"), "officer-b", true));
        assertDoesNotThrow(() -> ApprovalPolicy.checkDecision(approval(ApprovalStatus.PENDING, "officer-a"), "officer-a", false));
    }

    @Test
    void checkDecision_onlyPendingIsDecided() {
        for (ApprovalStatus s : new ApprovalStatus[] {ApprovalStatus.APPROVED, ApprovalStatus.REFUSED, ApprovalStatus.FAILED}) {
            TrustChainException e = assertThrows(TrustChainException.class,
                    () -> ApprovalPolicy.checkDecision(approval(s, "officer-a"), "officer-b", true));
            assertEquals(ErrorKind.CONFLICT, e.kind(), s.apiName());
            TrustChainException r = assertThrows(TrustChainException.class,
                    () -> ApprovalPolicy.checkDecision(approval(s, "officer-a"), "officer-b", false));
            assertEquals(ErrorKind.CONFLICT, r.kind(), s.apiName());
        }
    }

    @Test
    void checkDecision_conflictComesBeforeTheRequesterRule() {
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ApprovalPolicy.checkDecision(approval(ApprovalStatus.APPROVED, "officer-a"), "officer-a", true));
        assertEquals(ErrorKind.CONFLICT, e.kind());
    }

    @Test
    void actionNames_roundTrip_andUnknownIsMalformed() {
        for (ApprovalAction a : ApprovalAction.values()) {
            assertEquals(a, ApprovalAction.fromApiName(a.apiName()));
        }
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class, () -> ApprovalAction.fromApiName("renew")).kind());
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class, () -> ApprovalStatus.fromApiName("done")).kind());
    }
}
