package online.hypermesh.trustchain.ca.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.x509.LeafPolicies;

/**
 * Every setting of a TrustChain node, read once and validated at start-up; a bad value stops
 * deployment with the setting's name. Each setting is named as a system property; the
 * environment variable is the upper-case form with underscores ({@code TRUSTCHAIN_REGION}).
 */
public final class TrustChainConfig {
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}[a-z0-9]");

    /** trustchain.data.dir: where root.pem, admin-token, operator-secret and tls/ live. Required. */
    private final Path dataDir;
    /** trustchain.regions: the regions that get an issuing intermediate at first start. */
    private final List<String> regions;
    /** trustchain.region: this node's region; requests without a region are issued from its intermediate. */
    private final String region;
    /** trustchain.public.http.url: base of the plain-HTTP URLs (OCSP, CRL, caIssuers) put into certificates. */
    private final String publicHttpUrl;
    /** trustchain.policy.oid: certificate policy OID of TLS server leaves (profiles server and service). */
    private final String policyOid;
    /** trustchain.client.policy.oid: certificate policy OID of client leaves; never a CA/Browser Forum TLS policy. */
    private final String clientPolicyOid;
    /** trustchain.ca.organization: the O attribute of the CA subjects. */
    private final String organization;
    /** trustchain.ca.country: the C attribute of new CA subjects, an ISO 3166-1 alpha-2 code (BR 7.1.2.10.2). */
    private final String country;
    /** trustchain.tls.names: DNS names and IP addresses of the HTTPS listener's certificate. */
    private final List<String> tlsNames;
    /** trustchain.management.host / .port: the WildFly management endpoint used to reload TLS keys. */
    private final String managementHost;
    private final int managementPort;
    /** trustchain.node.name: how audit events name this node (default jboss.node.name). */
    private final String nodeName;
    /** trustchain.crl.validity.hours: the gap between a CRL's thisUpdate and nextUpdate (1 to 168 hours). */
    private final int crlValidityHours;
    /** trustchain.crl.delta.validity.minutes: the same for delta CRLs (5 minutes to 24 hours). */
    private final int deltaCrlValidityMinutes;
    /** trustchain.renewal.grace.minutes: how long a renewed certificate stays valid beside its replacement (0 to 10080). */
    private final int renewalGraceMinutes;
    /** trustchain.rollover.intermediate.days / .root.days: age at which a CA key is rolled over (0: never automatically). */
    private final int intermediateRolloverDays;
    private final int rootRolloverDays;

    public TrustChainConfig(Settings s) {
        this.dataDir = Path.of(s.require("trustchain.data.dir")).toAbsolutePath();
        this.regions = List.copyOf(Arrays.stream(s.get("trustchain.regions", "us-east-1,eu-west-1,ap-southeast-1").split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).distinct().toList());
        if (regions.isEmpty()) {
            throw Settings.invalid("trustchain.regions", "names no region");
        }
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw Settings.invalid("trustchain.regions", "contains '" + r + "'; regions are lower-case letters, digits and hyphens");
            }
        }
        this.region = s.get("trustchain.region", regions.get(0));
        if (!regions.contains(region)) {
            throw Settings.invalid("trustchain.region", "is '" + region + "', which is not one of trustchain.regions " + regions);
        }
        // Like the management port, the default follows the socket-binding port offset, so a
        // shifted test server puts its own CRL and OCSP URLs into what it issues.
        this.publicHttpUrl = s.get("trustchain.public.http.url",
                "http://localhost:" + (8080 + Integer.getInteger("jboss.socket.binding.port-offset", 0)));
        URI uri = URI.create(publicHttpUrl);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw Settings.invalid("trustchain.public.http.url", "must be an http:// URL (relying parties fetch CRLs and OCSP without TLS), was " + publicHttpUrl);
        }
        this.policyOid = oid(s, "trustchain.policy.oid", LeafPolicies.DEFAULT_TLS_SERVER);
        this.clientPolicyOid = oid(s, "trustchain.client.policy.oid", LeafPolicies.DEFAULT_CLIENT);
        if (LeafPolicies.isCabfTls(clientPolicyOid)) {
            throw Settings.invalid("trustchain.client.policy.oid", "is " + clientPolicyOid + ", a CA/Browser Forum TLS policy, which only"
                    + " TLS server certificates may assert; use an OID of your own (for example under 2.25, derived from a UUID)");
        }
        this.organization = s.get("trustchain.ca.organization", "TrustChain");
        this.country = s.get("trustchain.ca.country", "US");
        if (!country.matches("[A-Z]{2}") || !Arrays.asList(Locale.getISOCountries()).contains(country)) {
            throw Settings.invalid("trustchain.ca.country", "is '" + country + "'; give the two upper-case letters of an ISO 3166-1 country code, such as US or DE");
        }
        this.tlsNames = List.copyOf(Arrays.stream(s.get("trustchain.tls.names", defaultTlsNames()).split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).distinct().toList());
        this.managementHost = s.get("trustchain.management.host", "127.0.0.1");
        // WildFly shifts its management port with the socket-binding port offset; follow it.
        this.managementPort = s.getInt("trustchain.management.port", 9990 + Integer.getInteger("jboss.socket.binding.port-offset", 0), 1, 65535);
        this.nodeName = s.get("trustchain.node.name", System.getProperty("jboss.node.name", hostName()));
        this.crlValidityHours = s.getInt("trustchain.crl.validity.hours", 24, 1, 168);
        this.deltaCrlValidityMinutes = s.getInt("trustchain.crl.delta.validity.minutes", 60, 5, 1440);
        this.renewalGraceMinutes = s.getInt("trustchain.renewal.grace.minutes", 60, 0, 10080);
        // Quarterly and yearly by default; an intermediate lives 3 years and a root 10, so both stay below their lifetime.
        this.intermediateRolloverDays = s.getInt("trustchain.rollover.intermediate.days", 90, 0, 1000);
        this.rootRolloverDays = s.getInt("trustchain.rollover.root.days", 365, 0, 3000);
    }

    private static String oid(Settings s, String name, String defaultValue) {
        String value = s.get(name, defaultValue);
        if (!value.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            throw Settings.invalid(name, "is not a dotted OID: " + value);
        }
        return value;
    }

    private static String defaultTlsNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "::1", "127.0.0.1"));
        String host = hostName();
        if (host.matches("[A-Za-z0-9.-]+") && !host.equals("localhost")) {
            names.add(host.toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(",", names);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public List<String> regions() {
        return regions;
    }

    public String region() {
        return region;
    }

    public String publicHttpUrl() {
        return publicHttpUrl;
    }

    public String policyOid() {
        return policyOid;
    }

    public String organization() {
        return organization;
    }

    public String country() {
        return country;
    }

    /** The policy each leaf profile asserts. */
    public LeafPolicies leafPolicies() {
        return new LeafPolicies(policyOid, clientPolicyOid);
    }

    public List<String> tlsNames() {
        return tlsNames;
    }

    public String managementHost() {
        return managementHost;
    }

    public int managementPort() {
        return managementPort;
    }

    public String nodeName() {
        return nodeName;
    }

    public java.time.Duration crlValidity() {
        return java.time.Duration.ofHours(crlValidityHours);
    }

    public java.time.Duration intermediateRolloverPeriod() {
        return java.time.Duration.ofDays(intermediateRolloverDays);
    }

    public java.time.Duration rootRolloverPeriod() {
        return java.time.Duration.ofDays(rootRolloverDays);
    }

    public java.time.Duration renewalGrace() {
        return java.time.Duration.ofMinutes(renewalGraceMinutes);
    }

    public java.time.Duration deltaCrlValidity() {
        return java.time.Duration.ofMinutes(deltaCrlValidityMinutes);
    }
}
