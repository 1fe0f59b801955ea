package online.hypermesh.trustchain.doq.update;

import java.util.Optional;

import org.xbill.DNS.Name;

/** The TSIG keys (RFC 8945) this server accepts, by key name; what a key may change is the {@link ZoneUpdater}'s decision. */
@FunctionalInterface
public interface TsigKeyring {
    /** Knows no key: every signed message is answered NOTAUTH/BADKEY. */
    TsigKeyring NONE = name -> Optional.empty();

    Optional<TsigKey> key(Name keyName);
}
