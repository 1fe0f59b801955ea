package online.hypermesh.trustchain.ca.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import online.hypermesh.trustchain.ca.config.Configuration;
import online.hypermesh.trustchain.ca.config.DnsSettings;
import online.hypermesh.trustchain.ca.config.Settings;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Two nodes' zones on one real PostgreSQL (the tests' database, in a schema of its own, migrated
 * from db/migrations): a change written and logged on node A reaches node B's zone through
 * dns_change, including a row that commits after a higher id was already read.
 */
class ZoneFollowingAcrossNodesIT {

    private static final String SCHEMA = "dns_follow_it";
    private static final Name WEB = Name.fromConstantString("web.hypermesh.online.");
    private static final Name WEB_TLSA = Name.fromConstantString("_443._tcp.web.hypermesh.online.");

    /** The DNS section as a deployment with no DNS settings reads it (the data directory is only required, not used). */
    private static final DnsSettings DNS_DEFAULTS = Configuration.read(new Settings(
            props("trustchain.data.dir", System.getProperty("java.io.tmpdir")), Map.of())).dns();

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    private PGSimpleDataSource dataSource;
    private Node a;
    private Node b;

    /** One TrustChain node's DNS side: its store, change log and zone, without a container. */
    private final class Node {
        final DnsRecordStore store = new DnsRecordStore();
        final DnsChangeLog log = new DnsChangeLog();
        final ZonePublisher zone = new ZonePublisher();
        final ZoneChangePoller poller;

        Node() {
            store.dataSource = dataSource;
            log.dataSource = dataSource;
            zone.store = store;
            zone.settings = DNS_DEFAULTS;
            zone.init();
            poller = new ZoneChangePoller(log, zone, log.lastId());
        }
    }

    @BeforeEach
    void freshSchema() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(System.getProperty("trustchain.it.db.url"));
        dataSource.setUser(System.getProperty("trustchain.it.db.user"));
        dataSource.setPassword(System.getProperty("trustchain.it.db.password"));
        dataSource.setCurrentSchema(SCHEMA);
        Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(SCHEMA).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();
        a = new Node();
        b = new Node();
    }

    @Test
    void aaaaChangedOnA_isVisibleOnB_afterOnePoll_andTheDeletionToo() {
        a.store.replace("web", List.of("2001:db8::7"), "it", Instant.now());
        a.log.append(DnsChange.NAME, "web", a.zone.nodeId());
        a.zone.refreshName("web");
        assertTrue(b.zone.zone().lookup(WEB, Type.AAAA).isEmpty(), "B has not polled yet");

        assertEquals(1, b.poller.pollOnce());
        assertEquals(1, b.zone.zone().lookup(WEB, Type.AAAA).size());

        a.store.delete("web");
        a.log.append(DnsChange.NAME, "web", a.zone.nodeId());
        b.poller.pollOnce();
        assertTrue(b.zone.zone().lookup(WEB, Type.AAAA).isEmpty());
    }

    @Test
    void certificateIssuedAndRevokedOnA_addsAndWithdrawsTlsaOnB_butNotForADoqListenerCertificate() throws Exception {
        insertCertificate("0a01", "tester");
        insertCertificate("0a02", MeshDns.DOQ_REQUESTER);
        a.log.append(DnsChange.CERTIFICATE, "0a01", a.zone.nodeId());
        a.log.append(DnsChange.CERTIFICATE, "0a02", a.zone.nodeId());
        b.poller.pollOnce();
        assertEquals(1, b.zone.zone().lookup(WEB_TLSA, Type.TLSA).size(), "only the TLS certificate, not A's DoQ certificate");

        execute("update certificate set status = 'revoked', revoked_at = now() where serial_number = '0a01'");
        a.log.append(DnsChange.CERTIFICATE, "0a01", a.zone.nodeId());
        b.poller.pollOnce();
        assertTrue(b.zone.zone().lookup(WEB_TLSA, Type.TLSA).isEmpty());
        assertFalse(b.zone.zone().nameExists(WEB), "the empty non-terminals went with the last TLSA");
    }

    @Test
    void aRowCommittedAfterAHigherId_isStillApplied() throws Exception {
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // The slow transaction takes its id first but commits last.
            a.store.replace("slow", List.of("2001:db8::51"), "it", Instant.now());
            try (PreparedStatement s = slow.prepareStatement("insert into dns_change (kind, subject, node) values ('name', 'slow', ?)")) {
                s.setString(1, a.zone.nodeId());
                s.executeUpdate();
            }
            a.store.replace("fast", List.of("2001:db8::52"), "it", Instant.now());
            a.log.append(DnsChange.NAME, "fast", a.zone.nodeId());

            b.poller.pollOnce();
            assertEquals(1, b.zone.zone().lookup(Name.fromConstantString("fast.hypermesh.online."), Type.AAAA).size());
            assertTrue(b.zone.zone().lookup(Name.fromConstantString("slow.hypermesh.online."), Type.AAAA).isEmpty());

            slow.commit();
        }
        b.poller.pollOnce();
        assertEquals(1, b.zone.zone().lookup(Name.fromConstantString("slow.hypermesh.online."), Type.AAAA).size(),
                "the gap was remembered and filled");
    }

    private void insertCertificate(String serial, String requestedBy) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        Instant notAfter = Instant.now().plus(Duration.ofHours(1));
        byte[] der = new JcaX509v3CertificateBuilder(new X500Name("CN=web.hypermesh.online"), new BigInteger(serial, 16), new Date(),
                Date.from(notAfter), new X500Name("CN=web.hypermesh.online"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
        execute("insert into crypto_key values ('k', 'EC', '\\x00', '\\x00', 100000, '\\x00', '\\x00', now()) on conflict do nothing");
        execute("insert into certificate_authority (id, key_alias, key_type, subject, serial_number, certificate, not_before, not_after,"
                + " status, created_at) values ('root', 'k', 'EC', 'CN=root', '01', '\\x00', now(), now() + interval '1 day', 'active', now())"
                + " on conflict do nothing");
        try (Connection c = dataSource.getConnection()) {
            long requestId;
            try (PreparedStatement s = c.prepareStatement("insert into certificate_request (csr, profile, region, requested_by, received_at)"
                    + " values ('\\x00', 'server', 'r', ?, now()) returning id")) {
                s.setString(1, requestedBy);
                var rs = s.executeQuery();
                rs.next();
                requestId = rs.getLong(1);
            }
            execute(c, "insert into serial_reservation values ('" + serial + "', 'root', 'issued', now())");
            try (PreparedStatement s = c.prepareStatement("insert into certificate (serial_number, issuer_id, request_id, profile, subject, names,"
                    + " not_before, not_after, status, der, issued_at) values (?, 'root', ?, 'server', 'CN=web', ?, now(), ?, 'valid', ?, now())")) {
                s.setString(1, serial);
                s.setLong(2, requestId);
                s.setArray(3, c.createArrayOf("text", new String[] {"web.hypermesh.online"}));
                s.setTimestamp(4, Timestamp.from(notAfter));
                s.setBytes(5, der);
                s.executeUpdate();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
