package online.hypermesh.trustchain.ca.est;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;

class EstLabelsTest {
    @Test
    void noLabel_isTheServerProfile_andEachProfileIsALabel() {
        assertEquals(CertificateProfile.SERVER, EstLabels.profile(null));
        assertEquals(CertificateProfile.SERVER, EstLabels.profile(""));
        for (CertificateProfile p : CertificateProfile.values()) {
            assertEquals(p, EstLabels.profile(p.apiName()));
        }
    }

    @Test
    void otherLabels_areNotFound_namingTheLabelsThereAre() {
        for (String label : new String[] {"Server", "nosuch", "server ", ".."}) {
            TrustChainException e = assertThrows(TrustChainException.class, () -> EstLabels.profile(label));
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
            assertTrue(e.detail().contains("[server, client, service]"), e.detail());
        }
    }
}
