package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class CertificateProfileTest {

    @Test
    void fromApiName_findsProfilesAndDefaultsToServer() {
        assertEquals(CertificateProfile.CLIENT, CertificateProfile.fromApiName("client"));
        assertEquals(CertificateProfile.SERVICE, CertificateProfile.fromApiName(" Service "));
        assertEquals(CertificateProfile.SERVER, CertificateProfile.fromApiName(null));
    }

    @Test
    void fromApiName_rejectsUnknownProfileNamingTheValidOnes() {
        TrustChainException e = assertThrows(TrustChainException.class, () -> CertificateProfile.fromApiName("codesigning"));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertEquals("unknown profile 'codesigning'; use one of server, client, service", e.getMessage());
    }

    @Test
    void validity_defaultsTo24HoursAndEnforcesTheMaximum() {
        assertEquals(Duration.ofHours(24), CertificateProfile.SERVER.validity(null));
        assertEquals(Duration.ofHours(720), CertificateProfile.CLIENT.validity(720));
        assertEquals(ErrorKind.POLICY_VIOLATION, assertThrows(TrustChainException.class, () -> CertificateProfile.SERVER.validity(721)).kind());
        assertEquals(ErrorKind.POLICY_VIOLATION, assertThrows(TrustChainException.class, () -> CertificateProfile.SERVER.validity(0)).kind());
    }
}
