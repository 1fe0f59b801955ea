package online.hypermesh.trustchain.hsm.connector;

import jakarta.resource.ResourceException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** No session could be opened: the reason (UNAVAILABLE, or a refused PIN naming its setting) as the token reports it. */
public final class HsmUnavailableException extends ResourceException {
    private static final long serialVersionUID = 1L;

    public HsmUnavailableException(TrustChainException reason) {
        super(reason.getMessage(), reason);
    }

    public TrustChainException reason() {
        return (TrustChainException) getCause();
    }
}
