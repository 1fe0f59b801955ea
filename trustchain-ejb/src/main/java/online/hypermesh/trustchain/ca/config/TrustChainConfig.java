package online.hypermesh.trustchain.ca.config;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.x509.LeafPolicies;

/**
 * The CA's own section: data directory, regions, names and policies of what it issues, and how
 * this node is named. Read from {@link Settings}; a bad value is recorded there and reported with
 * all others by {@link Configuration#read}.
 */
public final class TrustChainConfig {
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,30}[a-z0-9]");

    public static final Setting<Path> DATA_DIR = Setting.of("trustchain.data.dir", "path", null, "required",
            "where root.pem, admin-token, operator-secret and tls/ live", t -> Path.of(t).toAbsolutePath());
    public static final Setting<List<String>> REGIONS = Setting.of("trustchain.regions", "list of regions",
            List.of("us-east-1", "eu-west-1", "ap-southeast-1"), "us-east-1,eu-west-1,ap-southeast-1",
            "the regions that get an issuing intermediate at first start", TrustChainConfig::regions);
    public static final Setting<String> REGION_OF_NODE = Setting.of("trustchain.region", "one of trustchain.regions", null, "the first of trustchain.regions",
            "this node's region; requests without a region are issued from its intermediate", t -> t);
    public static final Setting<String> PUBLIC_HTTP_URL = Setting.of("trustchain.public.http.url", "http:// URL", null, "http://localhost:<8080 + port offset>",
            "base of the plain-HTTP URLs (OCSP, CRL, caIssuers) put into certificates", TrustChainConfig::httpUrl);
    public static final Setting<String> POLICY_OID = Setting.of("trustchain.policy.oid", "OID", LeafPolicies.DEFAULT_TLS_SERVER,
            LeafPolicies.DEFAULT_TLS_SERVER, "certificate policy of TLS server leaves (profiles server and service)", Values::oid);
    public static final Setting<String> CLIENT_POLICY_OID = Setting.of("trustchain.client.policy.oid", "OID", LeafPolicies.DEFAULT_CLIENT,
            LeafPolicies.DEFAULT_CLIENT, "certificate policy of client leaves; never a CA/Browser Forum TLS policy",
            TrustChainConfig::clientPolicy);
    public static final Setting<String> ORGANIZATION = Setting.text("trustchain.ca.organization", "TrustChain",
            "the O attribute of the CA subjects");
    public static final Setting<String> COUNTRY = Setting.of("trustchain.ca.country", "ISO 3166-1 alpha-2", "US", "US",
            "the C attribute of new CA subjects (BR 7.1.2.10.2)", TrustChainConfig::country);
    public static final Setting<String> NODE_NAME = Setting.text("trustchain.node.name", "jboss.node.name, else the host name",
            "how audit events and CT leadership name this node", t -> t);

    private final Path dataDir;
    private final List<String> regions;
    private final String region;
    private final String publicHttpUrl;
    private final String policyOid;
    private final String clientPolicyOid;
    private final String organization;
    private final String country;
    private final String nodeName;
    private final CrlSettings crl;
    private final LifecycleSettings lifecycle;
    private final TlsSettings tls;

    /**
     * Reads the section; problems go to {@code s} (see {@link Configuration#read}). The CRL,
     * lifecycle and TLS sections are read on their own and only answered for here, for the beans
     * that took everything from this class before there were sections.
     */
    TrustChainConfig(Settings s, CrlSettings crl, LifecycleSettings lifecycle, TlsSettings tls) {
        this.crl = crl;
        this.lifecycle = lifecycle;
        this.tls = tls;
        int offset = s.portOffset();
        this.dataDir = s.require(DATA_DIR);
        this.regions = s.get(REGIONS);
        this.region = s.get(REGION_OF_NODE, regions.get(0));
        if (!regions.contains(region)) {
            s.reject(REGION_OF_NODE, "is '" + region + "', which is not one of trustchain.regions " + regions);
        }
        // Like the management port, the default follows the socket-binding port offset, so a
        // shifted test server puts its own CRL and OCSP URLs into what it issues.
        this.publicHttpUrl = s.get(PUBLIC_HTTP_URL, "http://localhost:" + (8080 + offset));
        this.policyOid = s.get(POLICY_OID);
        this.clientPolicyOid = s.get(CLIENT_POLICY_OID);
        this.organization = s.get(ORGANIZATION);
        this.country = s.get(COUNTRY);
        this.nodeName = s.get(NODE_NAME, s.platform("jboss.node.name").orElseGet(TrustChainConfig::hostName));
    }

    private static List<String> regions(String text) {
        List<String> list = Values.list(text, r -> r).stream().distinct().toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("names no region");
        }
        for (String r : list) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("contains '" + r + "'; regions are lower-case letters, digits and hyphens");
            }
        }
        return List.copyOf(list);
    }

    private static String httpUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// URL (relying parties fetch CRLs and OCSP without TLS), was " + url);
        }
        return url;
    }

    private static String clientPolicy(String text) {
        String oid = Values.oid(text);
        if (LeafPolicies.isCabfTls(oid)) {
            throw new IllegalArgumentException("is " + oid + ", a CA/Browser Forum TLS policy, which only"
                    + " TLS server certificates may assert; use an OID of your own (for example under 2.25, derived from a UUID)");
        }
        return oid;
    }

    private static String country(String text) {
        if (!text.matches("[A-Z]{2}") || !Arrays.asList(Locale.getISOCountries()).contains(text)) {
            throw new IllegalArgumentException("is '" + text + "'; give the two upper-case letters of an ISO 3166-1 country code, such as US or DE");
        }
        return text;
    }

    static String hostName() {
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
        return tls.names();
    }

    public String managementHost() {
        return tls.managementHost();
    }

    public int managementPort() {
        return tls.managementPort();
    }

    public String nodeName() {
        return nodeName;
    }

    public Duration crlValidity() {
        return crl.validity();
    }

    public Duration intermediateRolloverPeriod() {
        return lifecycle.intermediateRollover();
    }

    public Duration rootRolloverPeriod() {
        return lifecycle.rootRollover();
    }

    public Duration renewalGrace() {
        return lifecycle.renewalGrace();
    }

    public Duration deltaCrlValidity() {
        return crl.deltaValidity();
    }
}
