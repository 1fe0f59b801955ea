package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * What step 1 of issuance records: the request as received and the precertificate signed for it.
 *
 * @param serialHex         lower-case hex, the serial of the precertificate and of the certificate to come
 * @param subject           the subject DN as text
 * @param names             SAN values as text
 * @param precertificateDer the signed RFC 6962 precertificate
 * @param replacesSerialHex the certificate this issuance renews, or null
 */
public record IssuanceIntent(IssuanceRequestRecord request, String serialHex, String issuerId, String profile, String subject,
                             List<String> names, Instant notBefore, Instant notAfter, byte[] precertificateDer,
                             String replacesSerialHex) {
    public IssuanceIntent {
        names = List.copyOf(names);
    }
}
