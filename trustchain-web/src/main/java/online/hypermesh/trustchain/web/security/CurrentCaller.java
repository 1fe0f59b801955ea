package online.hypermesh.trustchain.web.security;

import jakarta.enterprise.context.RequestScoped;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The caller of the current request, set by {@link ApiAuthenticationFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The authenticated caller; UNAUTHORIZED if the request carried no valid token. */
    public Caller get() {
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>'");
        }
        return caller;
    }
}
