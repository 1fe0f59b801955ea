package online.hypermesh.trustchain.bridge.cmp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.ProtectedPart;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.MacCalculator;

/**
 * Password-based MAC protection (RFC 4210 5.1.3.1, RFC 9483 5.1.3): the key is the one-way
 * function iterated over secret || salt, the MAC is over the DER ProtectedPart (header and body).
 * Verification recomputes the MAC with the request's own parameters and compares in constant
 * time; the iteration count is bounded first, since a client chooses it and each one costs a hash.
 * A response is protected with the same one-way function and MAC, a fresh salt and a fixed count.
 */
public final class PasswordBasedMac {
    /** OpenSSL refuses more than 100,000 itself; the same bound keeps a request from costing the server more. */
    public static final int MAX_ITERATIONS = 100_000;
    private static final int MIN_ITERATIONS = 100;
    private static final int RESPONSE_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordBasedMac() {
    }

    /**
     * Whether {@code message}'s PBMAC protection verifies with {@code secret}.
     *
     * @throws CmpFailure badAlg if the protection is not a PBMAC this server computes, or its parameters are out of bounds
     */
    public static boolean verify(PKIMessage message, byte[] secret) {
        AlgorithmIdentifier alg = message.getHeader().getProtectionAlg();
        if (alg == null || message.getProtection() == null) {
            return false;
        }
        PBMParameter parameters = parameters(alg);
        byte[] expected = mac(parameters, secret, message.getHeader(), message.getBody());
        return MessageDigest.isEqual(expected, message.getProtection().getOctets());
    }

    /** The protectionAlg of a response to a request protected with {@code requestAlg}: same functions, fresh salt. */
    public static AlgorithmIdentifier responseAlgorithm(AlgorithmIdentifier requestAlg) {
        PBMParameter request = parameters(requestAlg);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new AlgorithmIdentifier(CMPObjectIdentifiers.passwordBasedMac,
                new PBMParameter(new DEROctetString(salt), request.getOwf(), new ASN1Integer(RESPONSE_ITERATIONS), request.getMac()));
    }

    /** The protection of {@code header} (whose protectionAlg is a PBMAC) and {@code body}. */
    public static byte[] protect(PKIHeader header, PKIBody body, byte[] secret) {
        return mac(parameters(header.getProtectionAlg()), secret, header, body);
    }

    private static PBMParameter parameters(AlgorithmIdentifier alg) {
        if (!CMPObjectIdentifiers.passwordBasedMac.equals(alg.getAlgorithm())) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "protection " + alg.getAlgorithm().getId()
                    + " is not supported; protect requests with a password-based MAC (1.2.840.113533.7.66.13, openssl cmp -secret)");
        }
        PBMParameter p;
        try {
            p = PBMParameter.getInstance(alg.getParameters());
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the password-based MAC parameters cannot be read: " + e.getMessage());
        }
        if (p == null) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the password-based MAC has no parameters (RFC 4210 5.1.3.1 PBMParameter)");
        }
        int iterations;
        try {
            iterations = p.getIterationCount().intValueExact();
        } catch (ArithmeticException e) {
            iterations = Integer.MAX_VALUE;
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the password-based MAC iterationCount " + p.getIterationCount().getValue()
                    + " is outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (p.getSalt().getOctets().length > 128) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the password-based MAC salt is longer than 128 octets");
        }
        return p;
    }

    private static byte[] mac(PBMParameter parameters, byte[] secret, PKIHeader header, PKIBody body) {
        MacCalculator calculator;
        try {
            PKMACBuilder builder = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(PROVIDER), MAX_ITERATIONS);
            builder.setParameters(parameters);
            calculator = builder.build(password(secret));
        } catch (Exception e) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "the password-based MAC's one-way function " + parameters.getOwf().getAlgorithm().getId()
                    + " or MAC " + parameters.getMac().getAlgorithm().getId() + " is not supported: " + e.getMessage());
        }
        try (OutputStream out = calculator.getOutputStream()) {
            out.write(new ProtectedPart(header, body).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the protected part", e);
        }
        return calculator.getMac();
    }

    /** BC turns the password's chars into UTF-8; a secret is ASCII, so each byte is one char. */
    private static char[] password(byte[] secret) {
        return new String(secret, StandardCharsets.ISO_8859_1).toCharArray();
    }
}
