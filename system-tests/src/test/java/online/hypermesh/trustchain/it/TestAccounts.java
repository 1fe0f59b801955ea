package online.hypermesh.trustchain.it;

import java.util.List;

import online.hypermesh.trustchain.ca.api.AccountSpec;
import online.hypermesh.trustchain.ca.api.Accounts;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ScopeView;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * For in-server tests that issue as a {@link Caller} of their own: the registration authority
 * issues only to accounts, so the test's issuer becomes one, with the mesh zone, the documentation
 * prefixes and the mesh's SPIFFE trust domain as its scopes.
 */
final class TestAccounts {
    private static final Caller SETUP = new Caller("it-setup", Caller.Role.ADMIN);

    private TestAccounts() {
    }

    /** Creates the account of {@code caller} (its name and roles) unless it exists. */
    static Caller ensure(Accounts accounts, Caller caller) {
        try {
            accounts.create(new AccountSpec(caller.name(), caller.roles().stream().map(Caller.Role::apiName).toList(),
                    List.of(new ScopeView("dns", "hypermesh.online", true, true), new ScopeView("ip", "2001:db8::/32", false, false),
                            new ScopeView("ip", "192.0.2.0/24", false, false), new ScopeView("uri", "spiffe://hypermesh.online/", false, false)),
                    List.of("*"), List.of("*"), null, false), SETUP);
        } catch (TrustChainException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
        }
        return caller;
    }
}
