package online.hypermesh.trustchain.doq.zone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

class TlsaRecordsTest {

    @Test
    void digestIsSha256OfSpki() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(spki), TlsaRecords.fromSpki(spki));
        assertEquals(32, TlsaRecords.fromSpki(spki).length);
    }

    @Test
    void recordIsDaneEeSpkiSha256AtPortOwner() {
        TLSARecord r = TlsaRecords.daneEe(TestZones.TRUST, 443, 300, new byte[] {1, 2, 3});
        assertEquals(Name.fromConstantString("_443._tcp.trust.hypermesh.online."), r.getName());
        assertEquals(3, r.getCertificateUsage());
        assertEquals(1, r.getSelector());
        assertEquals(1, r.getMatchingType());
        assertEquals("3 1 1", r.rdataToString().substring(0, 5));
    }

    @Test
    void rejectsEmptySpkiAndBadPort() {
        assertThrows(IllegalArgumentException.class, () -> TlsaRecords.fromSpki(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> TlsaRecords.ownerName(TestZones.TRUST, 0, "tcp"));
    }
}
