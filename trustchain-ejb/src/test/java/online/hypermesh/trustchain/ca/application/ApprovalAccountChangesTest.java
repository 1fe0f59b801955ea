package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.AccountSpec;
import online.hypermesh.trustchain.ca.api.ScopeView;

/** A held account change is carried out exactly as it was requested, also after the store gave its numbers back as longs. */
class ApprovalAccountChangesTest {
    @Test
    void change_roundTripsThroughTheStoredMap() {
        AccountSpec change = new AccountSpec(null, List.of("issuer"), List.of(new ScopeView("dns", "billing.example", true, false),
                new ScopeView("ip", "2001:db8:1::/48", false, false)), List.of("server"), null, 24, false);
        assertEquals(change, ApprovalsBean.AccountChanges.fromMap(ApprovalsBean.AccountChanges.toMap(change)));
    }

    @Test
    void fieldsNotGiven_stayNotGiven_andNumbersMayComeBackAsLongs() {
        Map<String, Object> stored = new java.util.HashMap<>(ApprovalsBean.AccountChanges.toMap(
                new AccountSpec(null, null, List.of(new ScopeView("uri", "spiffe://example/", false, false)), null, null, null, true)));
        AccountSpec back = ApprovalsBean.AccountChanges.fromMap(stored);
        assertEquals(null, back.roles());
        assertEquals(null, back.profiles());
        assertEquals(null, back.maxValidityHours());
        assertEquals(true, back.clearMaxValidity());
        stored.put("max_validity_hours", 12L);
        assertEquals(12, ApprovalsBean.AccountChanges.fromMap(stored).maxValidityHours());
    }
}
