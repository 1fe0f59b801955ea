package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Renewal: a replacement for a valid certificate, for the same names, linked to it. */
@Local
public interface RenewalService {
    /**
     * Issues a replacement for {@code serialHex} from a new CSR naming exactly the same names,
     * with the predecessor's profile and region. The predecessor stays valid for the renewal
     * grace period, then is revoked as superseded; renewing it a second time is a conflict.
     */
    IssuedCertificate renew(String serialHex, byte[] csr, Integer validityHours, Caller caller);
}
