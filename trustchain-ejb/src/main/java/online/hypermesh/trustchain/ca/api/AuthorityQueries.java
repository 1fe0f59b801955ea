package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/** Reads the CA hierarchy. */
@Local
public interface AuthorityQueries {
    List<AuthorityView> authorities();

    /** The active root certificate, PEM. */
    String rootPem();

    /** This node's active issuing intermediate, PEM. */
    String issuingCaPem();

    /** Any authority's certificate by id, DER; NOT_FOUND if unknown. */
    byte[] certificateDer(String authorityId);
}
