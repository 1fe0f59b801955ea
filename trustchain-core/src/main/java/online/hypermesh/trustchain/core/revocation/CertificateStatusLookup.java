package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;

import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * The port through which the OCSP responder learns a certificate's status; the server implements
 * it over the certificate store. It must answer UNKNOWN for serials the authority never issued,
 * so the responder never vouches for a certificate that does not exist.
 *
 * <p>Contract: a read only, never a write, taking no lock. It answers from the status committed
 * when it is called (the server reads the certificate row, with no cache), so a revocation is
 * reported by the first answer after its commit. Called concurrently, once per request.
 */
@FunctionalInterface
public interface CertificateStatusLookup {
    CertificateStatus status(IssuingAuthority issuer, BigInteger serial);
}
