package online.hypermesh.trustchain.core.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * The to-be-signed form of a v2 CRL (RFC 5280 5.1) for one authority. The result must still pass
 * {@link CrlLinter} before {@link CrlSigner} signs it.
 */
final class CrlTemplate {
    private CrlTemplate() {
    }

    /**
     * @param baseCrlNumber null for a full CRL; for a delta CRL the number of the full CRL it
     *                      updates (RFC 5280 5.2.4)
     */
    static TBSCertList build(IssuingAuthority ca, BigInteger crlNumber, BigInteger baseCrlNumber,
                             Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> entries) {
        V2TBSCertListGenerator tbs = new V2TBSCertListGenerator();
        tbs.setSignature(ca.signingAlgorithm().algorithmIdentifier());
        tbs.setIssuer(ca.certificate().getSubject());
        tbs.setThisUpdate(time(thisUpdate));
        tbs.setNextUpdate(time(nextUpdate));
        // Sorted by serial: a stable order makes CRLs reproducible and lets the linter spot duplicates.
        for (RevokedEntry entry : entries.stream().sorted(Comparator.comparing(RevokedEntry::serial)).toList()) {
            tbs.addCRLEntry(new ASN1Integer(entry.serial()), time(entry.revocationTime()), entryExtensions(entry));
        }
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(ca.certificate().getSubjectPublicKeyInfo())));
            // Plain INTEGERs (CRLNumber ::= INTEGER): range checks belong to the linter, which reports them.
            ext.addExtension(Extension.cRLNumber, false, new ASN1Integer(crlNumber));
            if (baseCrlNumber != null) {
                ext.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseCrlNumber));
            } else {
                // RFC 5280 5.2.6: a full CRL tells delta-aware relying parties where its deltas are.
                ext.addExtension(Extension.freshestCRL, false, freshestCrl(ca));
            }
            ext.addExtension(Extension.issuingDistributionPoint, true, issuingDistributionPoint(ca));
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode CRL extensions", e);
        }
        return tbs.generateTBSCertList();
    }

    /** The scope, and for an issuing CA the distribution point (see {@link CrlScope#namesDistributionPoint}). */
    static IssuingDistributionPoint issuingDistributionPoint(IssuingAuthority ca) {
        CrlScope scope = CrlScope.of(ca);
        DistributionPointName name = scope.namesDistributionPoint()
                ? new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, ca.urls().crl())))
                : null;
        return new IssuingDistributionPoint(name, scope == CrlScope.USER_CERTS, scope == CrlScope.CA_CERTS,
                null, false, false);
    }

    /** The Freshest CRL extension value of a full CRL: one distribution point, the delta CRL URL. */
    static CRLDistPoint freshestCrl(IssuingAuthority ca) {
        DistributionPointName name = new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, ca.urls().deltaCrl())));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    /** RFC 5280 5.3.1: the reason code should be absent rather than say "unspecified". */
    private static Extensions entryExtensions(RevokedEntry entry) {
        if (entry.reason() == RevocationReason.UNSPECIFIED) {
            return null;
        }
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.reasonCode, false, CRLReason.lookup(entry.reason().code()));
            return ext.generate();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode a CRL entry reason", e);
        }
    }

    /** Whole seconds; {@link Time} chooses UTCTime before 2050 and GeneralizedTime after, per RFC 5280 5.1.2.4. */
    private static Time time(Instant instant) {
        return new Time(Date.from(instant.truncatedTo(ChronoUnit.SECONDS)));
    }
}
