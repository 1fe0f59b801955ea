package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Checks the node's dependencies: database, CA hierarchy, crypto token, CT log. */
@Local
public interface HealthService {
    HealthReport check();
}
