package online.hypermesh.trustchain.core.x509;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Certificate serial numbers: 127 bits from a CSPRNG, positive and non-zero (RFC 5280 4.1.2.2:
 * at most 20 octets; CA/Browser Forum BR 7.1: at least 64 bits of CSPRNG output).
 * Uniqueness per issuer is enforced by the database, which reserves each serial.
 */
public final class SerialNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {
    }

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, RANDOM);
        } while (serial.bitLength() < 64); // vanishingly rare; keeps the lint's entropy check meaningful
        return serial;
    }

    /** The API form: lower-case hex, no separators, no leading zeros. */
    public static String toHex(BigInteger serial) {
        return serial.toString(16);
    }

    /** Parses the API form; a NOT_FOUND-worthy null if the text is not a serial at all. */
    public static BigInteger parseHex(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > 40 || !hex.chars().allMatch(c -> HexFormat.isHexDigit(c))) {
            return null;
        }
        return new BigInteger(hex, 16);
    }
}
