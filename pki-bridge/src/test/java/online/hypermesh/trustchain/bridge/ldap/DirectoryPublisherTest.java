package online.hypermesh.trustchain.bridge.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;

/** Publishing to Debian's slapd, read back with ldapsearch: entries made as needed, values added once, only the revoked one removed. */
class DirectoryPublisherTest {
    @TempDir
    static Path dir;
    private static Slapd slapd;
    private static LDAPConnection ldap;
    private static KeyPair key;

    @BeforeAll
    static void start() throws Exception {
        slapd = new Slapd(dir.resolve("slapd"));
        ldap = slapd.connect();
        ldap.add(new Entry("ou=trustchain," + Slapd.SUFFIX, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "trustchain")));
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ldap != null) {
            ldap.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    private static byte[] certificate(String cn, long serial) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(new X500Name("CN=test CA"), BigInteger.valueOf(serial), Date.from(now), Date.from(now.plusSeconds(86400)),
                new X500Name("CN=" + cn), key.getPublic()).build(signer).getEncoded();
    }

    private static byte[] crl(int number) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name("CN=test CA"), new Date());
        b.addCRLEntry(BigInteger.valueOf(number), new Date(), 1);
        return b.build(signer).getEncoded();
    }

    @Test
    void aCertificate_makesItsEntryAndParents_andRevocationRemovesOnlyItsValue() throws Exception {
        DirectoryPublisher publisher = new DirectoryPublisher(ldap, new DN("ou=trustchain," + Slapd.SUFFIX));
        DN entry = new DN("cn=web,ou=accounts,ou=trustchain," + Slapd.SUFFIX);
        byte[] first = certificate("web.hypermesh.online", 1);
        byte[] second = certificate("web.hypermesh.online", 2);
        publisher.addUserCertificate(entry, first);
        publisher.addUserCertificate(entry, first); // delivered twice (at least once): still one value
        publisher.addUserCertificate(entry, second);
        String found = slapd.ldapsearch(entry.toString(), "(objectClass=pkiUser)", "userCertificate;binary");
        assertEquals(2, count(found, "userCertificate;binary:: "), found);
        assertTrue(found.contains(Base64.getEncoder().encodeToString(first)) && found.contains(Base64.getEncoder().encodeToString(second)), found);
        assertTrue(slapd.ldapsearch("ou=trustchain," + Slapd.SUFFIX, "(objectClass=organizationalUnit)", "ou").contains("dn: ou=accounts,ou=trustchain"),
                "the missing parents were made");

        publisher.removeUserCertificate(entry, first);
        publisher.removeUserCertificate(entry, first); // again: nothing to do, no error
        found = slapd.ldapsearch(entry.toString(), "(objectClass=*)", "userCertificate;binary");
        assertEquals(1, count(found, "userCertificate;binary:: "), found);
        assertTrue(found.contains(Base64.getEncoder().encodeToString(second)) && !found.contains(Base64.getEncoder().encodeToString(first)), found);
        publisher.removeUserCertificate(new DN("cn=never-published,ou=accounts,ou=trustchain," + Slapd.SUFFIX), first);
        com.unboundid.ldap.sdk.LDAPException outside = org.junit.jupiter.api.Assertions.assertThrows(com.unboundid.ldap.sdk.LDAPException.class,
                () -> publisher.addUserCertificate(new DN("cn=x,ou=elsewhere," + Slapd.SUFFIX), second));
        assertTrue(outside.getMessage().contains("not below the publishing base"), outside.getMessage());
    }

    @Test
    void aCa_getsItsCertificate_fullAndDeltaCrls_eachReplacedByTheNext() throws Exception {
        DirectoryPublisher publisher = new DirectoryPublisher(ldap, new DN("ou=trustchain," + Slapd.SUFFIX));
        DN ca = new DN("cn=TrustChain Intermediate eu,ou=cas,ou=trustchain," + Slapd.SUFFIX);
        byte[] caCert = certificate("TrustChain Intermediate eu", 10);
        publisher.addCaCertificate(ca, caCert);
        publisher.replaceCrl(ca, crl(1));
        byte[] second = crl(2);
        publisher.replaceCrl(ca, second);
        publisher.replaceDeltaCrl(ca, crl(3));
        Entry e = ldap.getEntry(ca.toString(), "objectClass", "cACertificate;binary", "certificateRevocationList;binary", "deltaRevocationList;binary");
        assertTrue(e.hasObjectClass("pkiCA") && e.hasObjectClass("deltaCRL"), e.toLDIFString());
        assertEquals(1, e.getAttributeValueByteArrays("certificateRevocationList;binary").length);
        assertTrue(java.util.Arrays.equals(second, e.getAttributeValueBytes("certificateRevocationList;binary")), "the newer CRL replaced the older");
        String found = slapd.ldapsearch(ca.toString(), "(objectClass=pkiCA)", "cACertificate;binary", "deltaRevocationList;binary");
        assertTrue(found.contains("cACertificate;binary:: " + Base64.getEncoder().encodeToString(caCert)), found);
        assertTrue(found.contains("deltaRevocationList;binary:: "), found);
    }

    @Test
    void groupMembers_areTheAccountsNamedByTheirFirstRdn() throws Exception {
        ldap.add(new Entry("ou=groups," + Slapd.SUFFIX, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "groups")));
        ldap.add(new Entry("cn=web-admins,ou=groups," + Slapd.SUFFIX, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "groupOfNames"),
                new com.unboundid.ldap.sdk.Attribute("cn", "web-admins"),
                new com.unboundid.ldap.sdk.Attribute("member", "uid=web-deployer,ou=people," + Slapd.SUFFIX, "cn=not-an-account," + Slapd.SUFFIX,
                        "uid=ops,ou=people," + Slapd.SUFFIX)));
        DirectoryGroups.Membership m = new DirectoryGroups(ldap, "uid").read(List.of("cn=web-admins,ou=groups," + Slapd.SUFFIX,
                "cn=nobody,ou=groups," + Slapd.SUFFIX));
        assertEquals(Set.of("web-deployer", "ops"), m.members().get("cn=web-admins,ou=groups," + Slapd.SUFFIX));
        assertEquals(Set.of("cn=nobody,ou=groups," + Slapd.SUFFIX), m.missing());
        assertFalse(m.members().get("cn=nobody,ou=groups," + Slapd.SUFFIX).iterator().hasNext());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
