package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** The per-account request rate limit, asked by the edges once per authenticated request. */
@Local
public interface RequestLimits {
    /** 0 if the request may proceed (and is counted); otherwise the whole seconds until one would be admitted. */
    long admit(Caller caller);
}
