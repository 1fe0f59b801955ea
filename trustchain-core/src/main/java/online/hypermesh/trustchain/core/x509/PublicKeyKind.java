package online.hypermesh.trustchain.core.x509;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Subscriber key types the CA certifies (CA/Browser Forum BR 6.1.5 and Mozilla policy 5.1):
 * RSA with a modulus of 2048 to 8192 bits divisible by 8, and ECDSA on P-256 or P-384.
 */
public enum PublicKeyKind {
    RSA, EC_P256, EC_P384;

    public boolean isRsa() {
        return this == RSA;
    }

    public static PublicKeyKind of(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            checkRsa(spki);
            return RSA;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            if (!(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
                throw unsupported("EC keys must name their curve (named curve parameters), not carry explicit parameters");
            }
            if (X9ObjectIdentifiers.prime256v1.equals(curve)) {
                return EC_P256;
            }
            if (SECObjectIdentifiers.secp384r1.equals(curve)) {
                return EC_P384;
            }
            throw unsupported("EC curve " + curve.getId() + " is not supported; use P-256 or P-384");
        }
        throw unsupported("key algorithm " + algorithm.getId() + " is not supported; use RSA (2048 bits or more) or ECDSA P-256/P-384");
    }

    private static void checkRsa(SubjectPublicKeyInfo spki) {
        RSAPublicKey key;
        try {
            key = RSAPublicKey.getInstance(spki.parsePublicKey());
        } catch (Exception e) {
            throw new TrustChainException(ErrorKind.MALFORMED_REQUEST, "the RSA public key in the CSR cannot be parsed");
        }
        int bits = key.getModulus().bitLength();
        if (bits < 2048) {
            throw unsupported("RSA key of " + bits + " bits is too small; use at least 2048 bits");
        }
        if (bits > 8192 || bits % 8 != 0) {
            throw unsupported("RSA modulus of " + bits + " bits is not allowed; use 2048, 3072 or 4096 bits");
        }
        BigInteger e = key.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
            throw unsupported("RSA public exponent must be odd and at least 3 (65537 recommended)");
        }
    }

    private static TrustChainException unsupported(String detail) {
        return new TrustChainException(ErrorKind.UNSUPPORTED_KEY, detail);
    }
}
