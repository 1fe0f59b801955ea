package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class AuthorityNamingTest {
    private final AuthorityNaming naming = new AuthorityNaming("DE", "Example Mesh");

    @Test
    void caSubjectsCarryTheConfiguredCountryFirst() {
        X500Name root = naming.rootSubject(2);
        assertEquals("C=DE,O=Example Mesh,CN=Example Mesh Root CA G2", root.toString());
        assertEquals("C=DE,O=Example Mesh,CN=Example Mesh eu-west-1 Issuing CA G3", naming.intermediateSubject("eu-west-1", 3).toString());
        assertTrue(root.getRDNs(BCStyle.C)[0].getFirst().getValue() instanceof DERPrintableString, "RFC 5280 A.1: countryName is a PrintableString");
        assertTrue(AuthorityNaming.hasCountry(root));
    }

    @Test
    void namesFromBeforeTheCountryAreRecognised() {
        assertFalse(AuthorityNaming.hasCountry(new X500Name("O=TrustChain,CN=TrustChain us-east-1 Issuing CA G1")));
    }
}
