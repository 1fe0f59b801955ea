package online.hypermesh.trustchain.ca.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

import online.hypermesh.trustchain.ca.config.Configuration;
import online.hypermesh.trustchain.ca.config.Settings;

class ZonePublisherTest {
    private ZonePublisher publisher;
    private KeyPair key;
    private byte[] der;
    private final Instant notAfter = Instant.now().plus(Duration.ofHours(1));

    @BeforeEach
    void setUp() throws Exception {
        publisher = new ZonePublisher();
        publisher.settings = Configuration.read(new Settings(new Properties(), Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"))).dns();
        publisher.init();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
        der = new JcaX509v3CertificateBuilder(new X500Name("CN=test"), BigInteger.TEN, new Date(), Date.from(notAfter),
                new X500Name("CN=test"), key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private List<org.xbill.DNS.Record> tlsa(String host) {
        return publisher.zone().lookup(Name.fromConstantString("_443._tcp." + host + "."), Type.TLSA);
    }

    @Test
    void publish_everyInZoneNameGetsItsOwnRecord_andWithdrawRemovesAll() throws Exception {
        publisher.publish("0a", "service", List.of("web.hypermesh.online", "www.hypermesh.online", "web.example.org", "2001:db8::7",
                "*.hypermesh.online"), der, notAfter);
        byte[] spkiHash = MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
        for (String host : List.of("web.hypermesh.online", "www.hypermesh.online")) {
            List<org.xbill.DNS.Record> records = tlsa(host);
            assertEquals(1, records.size(), host);
            TLSARecord r = (TLSARecord) records.get(0);
            assertEquals(3, r.getCertificateUsage());
            assertEquals(1, r.getSelector());
            assertEquals(1, r.getMatchingType());
            assertArrayEquals(spkiHash, r.getCertificateAssociationData());
        }
        assertTrue(publisher.withdraw("0a"));
        assertTrue(tlsa("web.hypermesh.online").isEmpty() && tlsa("www.hypermesh.online").isEmpty());
        assertFalse(publisher.withdraw("0a"));
    }

    @Test
    void publish_skipsClientProfileExcludedAndExpired() {
        publisher.publish("0b", "client", List.of("web.hypermesh.online"), der, notAfter);
        publisher.exclude("0c");
        publisher.publish("0c", "server", List.of("web.hypermesh.online"), der, notAfter);
        publisher.publish("0d", "server", List.of("web.hypermesh.online"), der, Instant.now().minusSeconds(1));
        assertTrue(tlsa("web.hypermesh.online").isEmpty());
    }

    @Test
    void withdrawExpired_removesOnlyCertificatesPastNotAfter() {
        publisher.publish("0e", "server", List.of("old.hypermesh.online"), der, notAfter);
        publisher.publish("0f", "server", List.of("new.hypermesh.online"), der, notAfter.plusSeconds(3600));
        assertEquals(0, publisher.withdrawExpired(Instant.now()));
        assertEquals(1, publisher.withdrawExpired(notAfter.plusSeconds(1)));
        assertTrue(tlsa("old.hypermesh.online").isEmpty());
        assertEquals(1, tlsa("new.hypermesh.online").size());
    }

    @Test
    void showAddresses_replacesAndRemovesAaaa() {
        publisher.showAddresses("web", List.of("2001:db8::1", "2001:db8::2"));
        assertEquals(2, publisher.zone().lookup(Name.fromConstantString("web.hypermesh.online."), Type.AAAA).size());
        publisher.showAddresses("web", List.of());
        assertTrue(publisher.zone().lookup(Name.fromConstantString("web.hypermesh.online."), Type.AAAA).isEmpty());
    }
}
