package online.hypermesh.trustchain.core.revocation;

import java.time.Clock;
import java.time.Duration;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * Creates a fresh responder key in the crypto token and certifies it with the CA key (template,
 * lint, sign). Run it again before the current certificate expires: each run makes a new key, so
 * a rotation also retires the old key.
 */
public final class DelegatedResponderIssuer {
    /** P-256: OCSP signing is the hottest signing path, and relying parties all support it. */
    public static final KeyType RESPONDER_KEY_TYPE = KeyType.EC_P256;

    private final CryptoToken token;
    private final ResponderCertificateLinter linter;
    private final ResponderCertificateSigner signer;
    private final Clock clock;

    public DelegatedResponderIssuer(CryptoToken token, ResponderCertificateLinter linter, ResponderCertificateSigner signer, Clock clock) {
        this.token = token;
        this.linter = linter;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * @param keyAlias a new, unused alias for the responder key, e.g. {@code ocsp-<ca id>-<yyyyMMdd>}
     * @param validity at most {@link ResponderCertificateLinter#MAX_VALIDITY}
     */
    public OcspResponderCredential issue(IssuingAuthority ca, String keyAlias, Duration validity) {
        // Checked before the key exists, so a bad request leaves no orphaned key in the token.
        if (validity.isNegative() || validity.isZero() || validity.compareTo(ResponderCertificateLinter.MAX_VALIDITY) > 0) {
            throw TrustChainException.policy("an OCSP responder certificate must be valid for at most "
                    + ResponderCertificateLinter.MAX_VALIDITY.toDays() + " days");
        }
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(token.generateKey(keyAlias, RESPONDER_KEY_TYPE).getEncoded());
        Validity wanted = Validity.startingAt(clock.instant(), validity);
        var caEnd = ca.certificate().getNotAfter().toInstant();
        Validity period = wanted.notAfter().isAfter(caEnd) ? new Validity(wanted.notBefore(), caEnd) : wanted;
        var tbs = ResponderCertificateTemplate.build(ca, key, SerialNumbers.next(), period);
        X509CertificateHolder certificate = signer.sign(linter.lint(tbs, ca));
        return new OcspResponderCredential(ca, certificate, keyAlias, RESPONDER_KEY_TYPE);
    }
}
