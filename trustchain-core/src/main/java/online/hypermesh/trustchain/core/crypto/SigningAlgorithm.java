package online.hypermesh.trustchain.core.crypto;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Signature algorithms TrustChain signs with, with their JCA names and X.509 identifiers. */
public enum SigningAlgorithm {
    // RFC 4055: the parameters of the RSA PKCS#1 v1.5 identifiers are an explicit NULL.
    SHA256_WITH_RSA("SHA256withRSA", new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE)),
    // RFC 5758: the ECDSA identifiers have absent parameters.
    SHA256_WITH_ECDSA("SHA256withECDSA", new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256)),
    SHA384_WITH_ECDSA("SHA384withECDSA", new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384));

    private final String jcaName;
    private final AlgorithmIdentifier algorithmIdentifier;

    SigningAlgorithm(String jcaName, AlgorithmIdentifier algorithmIdentifier) {
        this.jcaName = jcaName;
        this.algorithmIdentifier = algorithmIdentifier;
    }

    public String jcaName() {
        return jcaName;
    }

    public AlgorithmIdentifier algorithmIdentifier() {
        return algorithmIdentifier;
    }

    public boolean isEcdsa() {
        return this != SHA256_WITH_RSA;
    }
}
