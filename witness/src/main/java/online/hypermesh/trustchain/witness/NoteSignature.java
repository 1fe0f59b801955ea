package online.hypermesh.trustchain.witness;

import java.util.Arrays;
import java.util.Base64;

/**
 * One C2SP signed-note signature line, {@code — <key name> base64(key ID || signature)}: the key
 * name, the four-byte key ID (big-endian) and the algorithm-specific signature bytes.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {
    static final String PREFIX = "\u2014 ";

    public NoteSignature {
        requireKeyName(keyName);
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The line with its final newline. */
    public String line() {
        byte[] raw = new byte[4 + signature.length];
        raw[0] = (byte) (keyId >>> 24);
        raw[1] = (byte) (keyId >>> 16);
        raw[2] = (byte) (keyId >>> 8);
        raw[3] = (byte) keyId;
        System.arraycopy(signature, 0, raw, 4, signature.length);
        return PREFIX + keyName + " " + Base64.getEncoder().encodeToString(raw) + "\n";
    }

    /** Parses one line without its newline. */
    public static NoteSignature parse(String line) throws MalformedNoteException {
        if (!line.startsWith(PREFIX)) {
            throw new MalformedNoteException("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new MalformedNoteException("a signature line is '\u2014 <key name> <base64>'");
        }
        String name = rest.substring(0, space);
        if (!validKeyName(name)) {
            throw new MalformedNoteException("invalid key name in a signature line: " + name);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new MalformedNoteException("a signature is not valid base64");
        }
        if (raw.length < 5) {
            throw new MalformedNoteException("a signature holds a key ID and at least one byte");
        }
        int id = ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
        return new NoteSignature(name, id, Arrays.copyOfRange(raw, 4, raw.length));
    }

    /** signed-note: non-empty, no Unicode spaces, no plus sign (and no control characters in any note). */
    static boolean validKeyName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    static void requireKeyName(String name) {
        if (!validKeyName(name)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': " + name);
        }
    }
}
