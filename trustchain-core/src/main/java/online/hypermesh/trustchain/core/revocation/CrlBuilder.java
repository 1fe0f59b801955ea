package online.hypermesh.trustchain.core.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * Template, lint, sign for CRLs. Holds no state: the caller supplies the CRL number, which it
 * must persist and increase for every CRL the authority signs (full and delta share one sequence,
 * RFC 5280 5.2.3 and 5.2.4).
 */
public final class CrlBuilder {
    private final CrlLinter linter;
    private final CrlSigner signer;

    public CrlBuilder(CrlLinter linter, CrlSigner signer) {
        this.linter = linter;
        this.signer = signer;
    }

    /** A complete CRL: every unexpired revoked certificate the authority issued. */
    public X509CRLHolder full(IssuingAuthority ca, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate,
                              List<RevokedEntry> entries) {
        return build(ca, crlNumber, null, thisUpdate, nextUpdate, entries);
    }

    /**
     * A delta CRL: the changes since the full CRL numbered {@code baseCrlNumber}. A certificate
     * released from hold appears with {@link RevocationReason#REMOVE_FROM_CRL}.
     */
    public X509CRLHolder delta(IssuingAuthority ca, BigInteger crlNumber, BigInteger baseCrlNumber, Instant thisUpdate,
                               Instant nextUpdate, List<RevokedEntry> changes) {
        return build(ca, crlNumber, Objects.requireNonNull(baseCrlNumber, "baseCrlNumber"), thisUpdate, nextUpdate, changes);
    }

    /**
     * Whether {@code crl} states the scope (issuing distribution point) that {@code ca}'s CRLs are
     * signed with now. One signed under an earlier rule is to be replaced at once, not at half its
     * life, since relying parties may refuse it (as OpenSSL refused the root's when its IDP named a distribution point).
     */
    public static boolean hasCurrentScope(X509CRLHolder crl, IssuingAuthority ca) {
        Extension idp = crl.getExtension(Extension.issuingDistributionPoint);
        try {
            return idp != null && Arrays.equals(idp.getExtnValue().getOctets(),
                    CrlTemplate.issuingDistributionPoint(ca).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the issuing distribution point of " + ca.id(), e);
        }
    }

    private X509CRLHolder build(IssuingAuthority ca, BigInteger crlNumber, BigInteger base, Instant thisUpdate,
                                Instant nextUpdate, List<RevokedEntry> entries) {
        var tbs = CrlTemplate.build(ca, crlNumber, base, thisUpdate, nextUpdate, entries);
        return signer.sign(linter.lint(tbs, ca, base));
    }
}
