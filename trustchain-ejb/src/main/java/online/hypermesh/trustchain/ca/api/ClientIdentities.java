package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/**
 * Which TLS client certificates authenticate as an account (mutual TLS on 8443). An
 * administrator binds an identifier, a URI such as {@code spiffe://hypermesh.online/ops/alice},
 * to an account; from then on a certificate this CA issues under a client profile with that URI
 * SAN, valid and not revoked, is that account on every API. Certificates issued before the
 * binding do not count, so binding a name cannot adopt certificates somebody else was given.
 * Every change is audited in its transaction; auditors may read.
 */
@Local
public interface ClientIdentities {

    /** Binds the identifier to the account. CONFLICT if another binding of it is live. */
    ClientIdentityView bind(String account, String identifier, Caller caller);

    List<ClientIdentityView> list(String account, Caller caller);

    /** Ends the binding: its certificates stop authenticating within a second on every node. */
    ClientIdentityView remove(String account, long bindingId, Caller caller);
}
