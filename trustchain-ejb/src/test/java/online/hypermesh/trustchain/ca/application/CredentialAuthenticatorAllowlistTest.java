package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The allowlist check of bearer-token authentication and how its refusals reach the audit trail. */
class CredentialAuthenticatorAllowlistTest {
    private final CredentialAuthenticatorBean authenticator = new CredentialAuthenticatorBean();
    private final List<String> audited = new ArrayList<>();
    private List<String> networks = List.of("2001:db8:1::/48");

    @BeforeEach
    void wire() {
        authenticator.tokens = new ApiTokenRepository() {
            @Override
            public Optional<TokenHolder> findActiveByHash(byte[] sha256, Instant now) {
                return Optional.of(new TokenHolder("edge", List.of("auditor"), networks));
            }

            @Override
            public StoredToken add(long accountId, String name, byte[] sha256, Instant createdAt, Instant expiresAt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<StoredToken> list(long accountId) {
                return List.of();
            }

            @Override
            public Optional<StoredToken> find(long accountId, long tokenId) {
                return Optional.empty();
            }

            @Override
            public boolean revoke(long tokenId, Instant at, String by) {
                return false;
            }
        };
        authenticator.refusals = new OriginRefusals() {
            @Override
            public void refused(String account, String address, long refusedSinceLastEvent) {
                audited.add(account + " " + address + " " + refusedSinceLastEvent);
            }
        };
    }

    @Test
    void insideTheAllowlist_isTheCaller() {
        assertEquals("edge", authenticator.authenticate("tc_x", "2001:db8:1::7").orElseThrow().name());
        assertTrue(audited.isEmpty());
    }

    @Test
    void outside_isForbidden_andAuditedOncePerMinutePerAddress() {
        for (int i = 0; i < 5; i++) {
            TrustChainException e = assertThrows(TrustChainException.class, () -> authenticator.authenticate("tc_x", "::1"));
            assertEquals(ErrorKind.FORBIDDEN, e.kind());
            assertTrue(e.detail().contains("may not call from ::1") && e.detail().contains("2001:db8:1::/48"), e.detail());
        }
        assertThrows(TrustChainException.class, () -> authenticator.authenticate("tc_x", "2001:db8:2::1"));
        assertEquals(List.of("edge ::1 1", "edge 2001:db8:2::1 1"), audited, "the first refusal of each address; the rest are counted");
    }

    @Test
    void emptyList_isAnywhere_andTheOldMethodIgnoresTheList() {
        assertEquals("edge", authenticator.authenticate("tc_x").orElseThrow().name());
        networks = List.of();
        assertEquals("edge", new CredentialAuthenticatorBean() {
            {
                tokens = authenticator.tokens;
                refusals = authenticator.refusals;
            }
        }.authenticate("tc_x", "::1").orElseThrow().name());
    }

    @Test
    void aStoredEntryThatNoLongerParses_admitsNobody() {
        networks = List.of("not-a-prefix");
        assertThrows(TrustChainException.class, () -> authenticator.authenticate("tc_x", "::1"));
        assertThrows(TrustChainException.class, () -> authenticator.authenticate("tc_y", "2001:db8::1"));
    }
}
