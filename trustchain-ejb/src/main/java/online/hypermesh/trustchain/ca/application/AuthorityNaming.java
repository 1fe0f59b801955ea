package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Ids, subjects and lifetimes of the CA hierarchy. Ids are {@code root-g<n>} and
 * {@code <region>-g<n>}; each key rollover makes generation n+1, so an id never names two keys.
 */
public final class AuthorityNaming {
    private static final Pattern GENERATION = Pattern.compile("(.+)-g([0-9]+)");
    public static final String ROOT_PREFIX = "root";

    private final String country;
    private final String organization;

    /** @param country ISO 3166-1 alpha-2, as CA subjects carry it (BR 7.1.2.10.2) */
    public AuthorityNaming(String country, String organization) {
        this.country = country;
        this.organization = organization;
    }

    public static String rootId(int generation) {
        return ROOT_PREFIX + "-g" + generation;
    }

    public static String intermediateId(String region, int generation) {
        return region + "-g" + generation;
    }

    /** The generation in an authority id: 3 for {@code eu-west-1-g3}. */
    public static int generation(String id) {
        Matcher m = GENERATION.matcher(id);
        if (!m.matches()) {
            throw TrustChainException.internal("authority id '" + id + "' does not end in -g<generation>", null);
        }
        return Integer.parseInt(m.group(2));
    }

    public X500Name rootSubject(int generation) {
        return name(organization + " Root CA G" + generation);
    }

    public X500Name intermediateSubject(String region, int generation) {
        return name(organization + " " + region + " Issuing CA G" + generation);
    }

    /** Calendar years from now, so "10 years" ends on the same date 10 years later. */
    public static Duration years(int n) {
        Instant now = Instant.now();
        return Duration.between(now, now.atZone(ZoneOffset.UTC).plus(Period.ofYears(n)).toInstant());
    }

    /** Whether {@code name} carries a countryName, as every CA subject TrustChain creates does. */
    public static boolean hasCountry(X500Name name) {
        return name.getRDNs(BCStyle.C).length > 0;
    }

    /** C, O, CN, most significant first: C=US, O=TrustChain, CN=TrustChain Root CA G1. */
    private X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country).addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.CN, commonName).build();
    }
}
