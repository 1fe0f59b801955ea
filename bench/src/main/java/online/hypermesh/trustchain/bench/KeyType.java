package online.hypermesh.trustchain.bench;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** Key types the generator can put into its CSRs, with the matching CSR signature algorithm. */
enum KeyType {
    P256("EC", "SHA256withECDSA") {
        @Override AlgorithmParameterSpec spec() { return new ECGenParameterSpec("secp256r1"); }
    },
    P384("EC", "SHA384withECDSA") {
        @Override AlgorithmParameterSpec spec() { return new ECGenParameterSpec("secp384r1"); }
    },
    RSA2048("RSA", "SHA256withRSA") {
        @Override AlgorithmParameterSpec spec() { return new RSAKeyGenParameterSpec(2048, BigInteger.valueOf(65537)); }
    };

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    KeyType(String keyAlgorithm, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    abstract AlgorithmParameterSpec spec();

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The name used on the command line and in reports. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    KeyPair generate(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, provider);
        generator.initialize(spec());
        return generator.generateKeyPair();
    }

    static KeyType fromCli(String value) throws UsageException {
        for (KeyType type : values()) {
            if (type.cliName().equals(value.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new UsageException("--key must be one of p256, p384, rsa2048 (got '" + value + "')");
    }
}
