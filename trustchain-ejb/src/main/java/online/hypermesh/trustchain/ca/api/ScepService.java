package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * The SCEP server (RFC 8894) behind /scep: the edge hands over the operation and its message
 * and sends back what it gets; every answer, failures included, is already in SCEP's own form.
 */
@Local
public interface ScepService {
    /** Whether SCEP is switched on (trustchain.scep.enabled); off, the edge answers 404. */
    boolean enabled();

    /** GetCACaps: text/plain, one capability per line. */
    ScepReply capabilities();

    /** GetCACert: the RA certificate and the root, as a certs-only PKCS#7. */
    ScepReply caCertificates();

    /** PKIOperation: a CertRep for every pkiMessage that can be answered; 400 text for what is no pkiMessage. */
    ScepReply pkiOperation(byte[] message);

    /** A one-time challenge password for {@code accountName}; administrators only. The password is in the reply once. */
    ScepChallengeView createChallenge(String accountName, Caller caller);
}
