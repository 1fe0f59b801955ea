package online.hypermesh.trustchain.ca.dns;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.DnsUpdateKeyView;
import online.hypermesh.trustchain.ca.api.DnsUpdateKeys;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** Makes the TSIG keys of {@link DnsUpdateBean}'s update policy: random 256-bit HMAC-SHA256 secrets, shown once, stored for verification. */
@Stateless
public class DnsUpdateKeysBean implements DnsUpdateKeys {
    static final String ALGORITHM = "hmac-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    DnsUpdateStore store;

    @Inject
    ZonePublisher zone;

    @Inject
    AccountRepository accounts;

    @Inject
    AuditTrail audit;

    @Override
    public DnsUpdateKeyView create(String accountName, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an administrator creates DNS update keys");
        }
        Account account = accounts.find(accountName).orElseThrow(() -> TrustChainException.notFound("no account '" + accountName + "'"));
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        // Key names are domain names (RFC 8945 4.2); under the zone so that they cannot collide with another server's.
        String name = "tc-" + HexFormat.of().formatHex(id) + "." + zone.settings().origin();
        Instant now = Instant.now();
        store.addKey(name, account.id(), ALGORITHM, secret, caller.name(), now);
        audit.record(new AuditEvent(caller.name(), "dns.update-key.created", "account", account.name(), Map.of("key", name, "algorithm", ALGORITHM)));
        var address = zone.settings().dnsAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "::1" : address.getAddress().getHostAddress();
        return new DnsUpdateKeyView(name, ALGORITHM, Base64.getEncoder().encodeToString(secret), account.name(),
                zone.settings().origin().toString(), "[" + host + "]:" + address.getPort(), now);
    }
}
