package online.hypermesh.trustchain.witness.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

import online.hypermesh.trustchain.doq.classic.ClassicDnsConfig;
import online.hypermesh.trustchain.doq.classic.ClassicDnsServer;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.MeshZone;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import online.hypermesh.trustchain.doq.zone.ZoneSettings;
import online.hypermesh.trustchain.witness.verifier.Check.Outcome;

/**
 * The tlsa check against the project's own mesh DNS server (doq's MeshZone behind its classic
 * DNS listener on loopback), read with dnsjava's stub resolver: a published 3 1 1 record passes,
 * a missing or foreign one fails, names outside the zone are skipped, a dead server is an error;
 * and RFC 6698 2.1's usage, selector and matching-type semantics one by one.
 */
class TlsaCheckTest {
    private static final Name LEAF = Name.fromConstantString(RelyingPartyFixture.LEAF_NAME + ".");

    private RelyingPartyFixture pki;
    private MeshZone zone;
    private ClassicDnsServer dns;
    private ExecutorService workers;
    private X509Certificate leaf;

    @BeforeEach
    void start() throws Exception {
        pki = new RelyingPartyFixture();
        leaf = pki.issue(pki.log.key, true);
        zone = new MeshZone(ZoneSettings.meshDefaults("trust.hypermesh.online"));
        workers = Executors.newFixedThreadPool(2);
        dns = new ClassicDnsServer(ClassicDnsConfig.of(new InetSocketAddress(InetAddress.getByName("::1"), 0)),
                new DnsWireHandler(new ZoneAnswerer(zone), ResponseEncoder.unpadded()), Executors.defaultThreadFactory(), workers);
        dns.start();
    }

    @AfterEach
    void stop() {
        dns.close();
        workers.shutdownNow();
        pki.close();
    }

    private TlsaCheck check() {
        return new TlsaCheck("hypermesh.online", new DnsTlsaLookup(dns.localAddress(), Duration.ofSeconds(2)));
    }

    private List<X509Certificate> chain() {
        return List.of(leaf, pki.root);
    }

    @Test
    void thePublishedDaneEeRecordOfTheLeafPasses_withTheRecordAsEvidence() throws Exception {
        zone.addTlsa(leaf.getSerialNumber(), LEAF, 443, leaf.getPublicKey().getEncoded());
        Check c = check().check(chain(), true);
        assertEquals(Outcome.PASS, c.outcome(), c.detail() + "\n" + c.evidence());
        assertEquals("a TLSA record matches for leaf.hypermesh.online", c.detail());
        String spkiSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
        assertTrue(c.evidence().contains("_443._tcp.leaf.hypermesh.online TLSA 3 1 1 " + spkiSha256 + " (matches)"), c.evidence());
        assertTrue(c.evidence().contains("not DNSSEC-signed"), c.evidence());
    }

    @Test
    void noRecordFails_asAfterRevocationOrExpiry() {
        zone.addTlsa(leaf.getSerialNumber(), LEAF, 443, leaf.getPublicKey().getEncoded());
        assertTrue(zone.removeTlsa(leaf.getSerialNumber()));
        Check c = check().check(chain(), true);
        assertEquals(Outcome.FAIL, c.outcome(), c.evidence());
        assertTrue(c.detail().contains("_443._tcp.leaf.hypermesh.online has no TLSA record"), c.detail());
    }

    @Test
    void aRecordForAnotherKeyFails() throws Exception {
        zone.addTlsa(BigInteger.TEN, LEAF, 443, pki.root.getPublicKey().getEncoded());
        Check c = check().check(chain(), true);
        assertEquals(Outcome.FAIL, c.outcome(), c.evidence());
        assertTrue(c.detail().contains("no TLSA record of _443._tcp.leaf.hypermesh.online matches"), c.detail());
        assertTrue(c.evidence().contains("(does not match)"), c.evidence());
    }

    @Test
    void aLeafWithNoNameInTheZoneIsSkipped() {
        Check c = new TlsaCheck("mesh.example", new DnsTlsaLookup(dns.localAddress(), Duration.ofSeconds(2))).check(chain(), true);
        assertEquals(Outcome.SKIP, c.outcome());
        assertEquals(List.of("leaf.hypermesh.online"), check().namesInZone(leaf), "only the SAN inside the zone counts");
    }

    @Test
    void anUnreachableServerIsAFailureNotAMissingRecord() throws Exception {
        InetSocketAddress gone = dns.localAddress();
        dns.close();
        Check c = new TlsaCheck("hypermesh.online", new DnsTlsaLookup(gone, Duration.ofMillis(300))).check(chain(), true);
        assertEquals(Outcome.FAIL, c.outcome());
        assertTrue(c.detail().startsWith("cannot read the TLSA records of _443._tcp.leaf.hypermesh.online"), c.detail());
    }

    @Test
    void theVerifierRunsTheCheckWithTheOthers() {
        zone.addTlsa(leaf.getSerialNumber(), LEAF, 443, leaf.getPublicKey().getEncoded());
        Report r = new ChainVerifier(Set.of(new TrustAnchor(pki.root, null)), Optional.of(pki.log.logKey()), Optional.of(pki.base),
                pki.witnesses(), Optional.of(check()), Duration.ZERO, HttpClient.newHttpClient(), Clock.systemUTC()).verify(chain());
        assertTrue(r.passed(), r.toText());
        assertEquals(List.of("chain", "validity", "ocsp", "sct", "inclusion", "quorum", "tlsa"), r.checks().stream().map(Check::name).toList());
    }

    @Test
    void usageSelectorAndMatchingTypeAsRfc6698Defines() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        byte[] cert = leaf.getEncoded();
        byte[] spki = leaf.getPublicKey().getEncoded();
        List<X509Certificate> chain = chain();
        // Selector 0 is the full certificate, 1 the SubjectPublicKeyInfo; matching 0 exact, 1 SHA-256, 2 SHA-512.
        assertTrue(Dane.matches(new TlsaRecord(3, 0, 0, cert), chain, false));
        assertTrue(Dane.matches(new TlsaRecord(3, 0, 1, sha256.digest(cert)), chain, false));
        assertTrue(Dane.matches(new TlsaRecord(3, 1, 0, spki), chain, false));
        assertTrue(Dane.matches(new TlsaRecord(3, 1, 2, sha512.digest(spki)), chain, false));
        assertFalse(Dane.matches(new TlsaRecord(3, 1, 1, sha256.digest(cert)), chain, false), "selector 1 does not hash the certificate");
        // Usage 2 (DANE-TA) names a certificate above the leaf, here the root; never the leaf itself.
        assertTrue(Dane.matches(new TlsaRecord(2, 1, 1, sha256.digest(pki.root.getPublicKey().getEncoded())), chain, false));
        assertFalse(Dane.matches(new TlsaRecord(2, 1, 1, sha256.digest(spki)), chain, false));
        // Usages 0 and 1 (PKIX-TA, PKIX-EE) also need the PKIX path to validate.
        assertTrue(Dane.matches(new TlsaRecord(1, 1, 1, sha256.digest(spki)), chain, true));
        assertFalse(Dane.matches(new TlsaRecord(1, 1, 1, sha256.digest(spki)), chain, false));
        assertTrue(Dane.matches(new TlsaRecord(0, 0, 1, sha256.digest(pki.root.getEncoded())), chain, true));
        // Unassigned values make a record unusable (RFC 7671 4.1), not an error.
        assertFalse(Dane.usable(new TlsaRecord(4, 1, 1, sha256.digest(spki))));
        assertFalse(Dane.matches(new TlsaRecord(3, 2, 1, sha256.digest(spki)), chain, false));
        assertFalse(Dane.matches(new TlsaRecord(3, 1, 3, sha256.digest(spki)), chain, false));
    }

    @Test
    void theRfc6698PresentationExampleReadsBackTheSame() throws Exception {
        // RFC 6698 2.3: "_443._tcp.www.example.com. IN TLSA ( 0 0 1 d2abde240d7cd3ee6b4b28c54df034b9 7983a1d16e8a410e4561cb106618e971 )"
        TLSARecord r = (TLSARecord) org.xbill.DNS.Record.fromString(Name.fromConstantString("_443._tcp.www.example.com."),
                org.xbill.DNS.Type.TLSA, org.xbill.DNS.DClass.IN, 3600,
                "0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971", Name.root);
        TlsaRecord t = new TlsaRecord(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(), r.getCertificateAssociationData());
        assertEquals("0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971", t.presentation());
        assertTrue(Dane.usable(t));
    }
}
