package online.hypermesh.trustchain.witness.verifier;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The {@code tlsa} check: for every DNS name of the leaf in the mesh zone, the TLSA RRset at
 * {@code _443._tcp.<name>} (RFC 6698 3; TrustChain's DNS publishes {@code 3 1 1} there for every
 * valid server certificate) must hold a usable record that matches the chain (RFC 6698 2.1,
 * RFC 7671 5). A name without any record fails: the zone withdraws a certificate's record on
 * revocation, hold and expiry. The mesh zone is not DNSSEC-signed, so the answer is trusted as
 * the configured server's, which the evidence says.
 *
 * @param zone the mesh zone, without the trailing dot (hypermesh.online)
 */
public record TlsaCheck(String zone, TlsaLookup lookup) {
    /** TrustChain publishes the records of HTTPS on 443 only. */
    public static final int PORT = 443;

    public TlsaCheck {
        zone = zone.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    /** The leaf's DNS names (subjectAltName dNSName) inside the zone, lower case. */
    public List<String> namesInZone(X509Certificate leaf) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null) {
                return out;
            }
            for (List<?> san : sans) {
                if (((Integer) san.get(0)) == 2) {
                    String name = ((String) san.get(1)).toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
                    if ((name.equals(zone) || name.endsWith("." + zone)) && !out.contains(name)) {
                        out.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return out;
        }
        return out;
    }

    /**
     * @param chain     leaf first, then its issuers and the root it chains to
     * @param pkixValid whether the chain check passed (PKIX usages 0 and 1 need it)
     */
    public Check check(List<X509Certificate> chain, boolean pkixValid) {
        List<String> names = namesInZone(chain.get(0));
        if (names.isEmpty()) {
            return Check.skip("tlsa", "the certificate names nothing in the mesh zone " + zone);
        }
        StringBuilder evidence = new StringBuilder("from ").append(lookup.source()).append(" (the mesh zone is not DNSSEC-signed)\n");
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            String owner = "_" + PORT + "._tcp." + name;
            List<TlsaRecord> records;
            try {
                records = lookup.tlsa(owner);
            } catch (IOException e) {
                return Check.fail("tlsa", "cannot read the TLSA records of " + owner + ": " + e.getMessage(), evidence.toString().strip());
            }
            if (records.isEmpty()) {
                evidence.append(owner).append(" TLSA: none\n");
                failed.add(owner + " has no TLSA record (the zone publishes one for every valid server certificate)");
                continue;
            }
            boolean matched = false;
            for (TlsaRecord r : records) {
                boolean m;
                try {
                    m = Dane.matches(r, chain, pkixValid);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    m = false;
                }
                evidence.append(owner).append(" TLSA ").append(r.presentation())
                        .append(Dane.usable(r) ? (m ? " (matches)" : " (does not match)") : " (unusable)").append('\n');
                matched |= m;
            }
            if (!matched) {
                failed.add("no TLSA record of " + owner + " matches the certificate");
            }
        }
        try {
            // What a 3 1 1 record of this leaf holds, to compare by eye.
            evidence.append("leaf 3 1 1 ").append(java.util.HexFormat.of().formatHex(Dane.associationData(chain.get(0), 1, 1)));
        } catch (GeneralSecurityException e) {
            evidence.append("leaf SPKI digest unavailable: ").append(e.getMessage());
        }
        String ev = evidence.toString().strip();
        return failed.isEmpty() ? Check.pass("tlsa", "a TLSA record matches for " + String.join(", ", names), ev)
                : Check.fail("tlsa", String.join("; ", failed), ev);
    }
}
