package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Checks the node's dependencies: database, CA hierarchy, crypto token. */
@Local
public interface HealthService {
    HealthReport check();
}
