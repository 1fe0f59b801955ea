package online.hypermesh.trustchain.web.rest.ct;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CtPortFilterTest {

    @Test
    void ctPaths_areTheRfc6962AndStaticCtApiPaths() {
        for (String p : new String[] {"/ct/v1/get-sth", "/ct/v1/add-chain", "/checkpoint", "/tile/0/000", "/tile/data/x001/002.p/3",
                "/issuer/00ff", "/log.json"}) {
            assertTrue(CtPortFilter.isCtPath(p), p);
        }
    }

    @Test
    void otherPaths_areNotCtPaths() {
        for (String p : new String[] {"/health", "/api/v1/ca/cert", "/ocsp", "/crl/x.crl", "/ct/v2/get-sth", "/checkpoints", "/tiles/0/000", "/"}) {
            assertFalse(CtPortFilter.isCtPath(p), p);
        }
    }
}
