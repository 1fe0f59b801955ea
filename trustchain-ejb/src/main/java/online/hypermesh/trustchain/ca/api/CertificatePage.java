package online.hypermesh.trustchain.ca.api;

import java.util.List;

/** One page of a certificate search; {@code nextPageToken} is null on the last page. */
public record CertificatePage(List<CertificateDetails> items, String nextPageToken) {
}
