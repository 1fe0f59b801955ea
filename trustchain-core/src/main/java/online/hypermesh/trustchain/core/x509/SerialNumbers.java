package online.hypermesh.trustchain.core.x509;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;

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

    /**
     * The canonical form (lower-case hex, no leading zeros) of a serial number as an API caller
     * wrote it, case-insensitively; MALFORMED_REQUEST if it is not hex.
     */
    public static String canonicalApiSerial(String serialHex) {
        BigInteger parsed = parseHex(serialHex == null ? null : serialHex.toLowerCase(Locale.ROOT));
        if (parsed == null) {
            throw TrustChainException.malformed(
                    "'" + serialHex + "' is not a serial number; use lower-case hex without separators");
        }
        return toHex(parsed);
    }

    /** Parses the API form; a NOT_FOUND-worthy null if the text is not a serial at all. */
    public static BigInteger parseHex(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > 40 || !hex.chars().allMatch(c -> HexFormat.isHexDigit(c))) {
            return null;
        }
        return new BigInteger(hex, 16);
    }
}
