package online.hypermesh.trustchain.core.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Bit arithmetic on IP prefixes; literals only, never a DNS lookup. */
final class Prefixes {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Prefixes() {
    }

    /** The bytes of an IPv4 or IPv6 literal (4 or 16; an IPv4-mapped IPv6 literal stays 16 bytes). */
    static byte[] literal(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (IPV4.matcher(t).matches()) {
            byte[] b = new byte[4];
            String[] parts = t.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                    throw TrustChainException.malformed(what + ": '" + text + "' is not an IPv4 address");
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (t.contains(":") && IPV6.matcher(t).matches()) {
            try {
                byte[] b = InetAddress.getByName("[" + t + "]").getAddress();
                if (b.length == 4) {
                    // InetAddress folds ::ffff:a.b.c.d into IPv4; keep the 16 bytes that were written.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(b, 0, mapped, 12, 4);
                    return mapped;
                }
                return b;
            } catch (UnknownHostException e) {
                throw TrustChainException.malformed(what + ": '" + text + "' is not an IPv6 address");
            }
        }
        throw TrustChainException.malformed(what + ": '" + text + "' is not an IP address literal");
    }

    static boolean matches(byte[] network, byte[] address, int prefixLength) {
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[full] & mask) == (address[full] & mask);
    }

    static boolean hostBitsZero(byte[] network, int prefixLength) {
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5952 text: lower case, longest run of zero groups as "::". */
    static String compress(String hostAddress, int length) {
        if (length == 4) {
            return hostAddress;
        }
        String[] groups = hostAddress.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < groups.length - 1) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
