package online.hypermesh.trustchain.core.x509;

/**
 * Where relying parties find revocation data and the issuer's certificate, as placed into the
 * certificates an authority issues (AIA and CRL distribution points, RFC 5280 4.2.2.1 and 4.2.1.13).
 * All are plain-HTTP URLs: relying parties fetch them without TLS (RFC 5280 8, BR 7.1.2.7).
 */
public record AuthorityUrls(String ocsp, String caIssuers, String crl) {

    /** The URLs for authority {@code authorityId} under a public base such as {@code http://localhost:8080}. */
    public static AuthorityUrls under(String publicHttpBase, String authorityId) {
        String base = publicHttpBase.endsWith("/") ? publicHttpBase.substring(0, publicHttpBase.length() - 1) : publicHttpBase;
        return new AuthorityUrls(base + "/ocsp", base + "/ca/" + authorityId + ".cer", base + "/crl/" + authorityId + ".crl");
    }
}
