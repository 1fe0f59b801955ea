package online.hypermesh.trustchain.core.x509;

/**
 * Where relying parties find revocation data and the issuer's certificate, as placed into the
 * certificates an authority issues (AIA and CRL distribution points, RFC 5280 4.2.2.1 and 4.2.1.13).
 * The delta CRL URL goes only into full CRLs (Freshest CRL, RFC 5280 5.2.6), not into certificates.
 * All are plain-HTTP URLs: relying parties fetch them without TLS (RFC 5280 8, BR 7.1.2.7).
 */
public record AuthorityUrls(String ocsp, String caIssuers, String crl, String deltaCrl) {

    /** The URLs for authority {@code authorityId} under a public base such as {@code http://localhost:8080}. */
    public static AuthorityUrls under(String publicHttpBase, String authorityId) {
        String base = publicHttpBase.endsWith("/") ? publicHttpBase.substring(0, publicHttpBase.length() - 1) : publicHttpBase;
        return new AuthorityUrls(base + "/ocsp", base + "/ca/" + authorityId + ".cer", base + "/crl/" + authorityId + ".crl",
                base + "/crl/" + authorityId + "-delta.crl");
    }
}
