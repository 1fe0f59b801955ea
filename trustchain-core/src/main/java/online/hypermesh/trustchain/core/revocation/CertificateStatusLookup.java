package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;

import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * The port through which the OCSP responder learns a certificate's status; the server implements
 * it over the certificate store. It must answer UNKNOWN for serials the authority never issued,
 * so the responder never vouches for a certificate that does not exist.
 */
@FunctionalInterface
public interface CertificateStatusLookup {
    CertificateStatus status(IssuingAuthority issuer, BigInteger serial);
}
