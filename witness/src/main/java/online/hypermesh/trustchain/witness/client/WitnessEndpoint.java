package online.hypermesh.trustchain.witness.client;

import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.witness.Cosigner;

/**
 * A witness the log asks for cosignatures: its verifier key (signed-note vkey with signature type
 * 0x04, {@code name+hexid+base64(0x04 || key)}) and its submission prefix URL.
 */
public record WitnessEndpoint(String name, byte[] publicKey, URI submissionPrefix) {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    public WitnessEndpoint {
        publicKey = publicKey.clone();
        String scheme = submissionPrefix.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("witness " + name + ": the URL is http or https, got " + submissionPrefix);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String verifierKey() {
        return Cosigner.verifierKey(name, publicKey);
    }

    public URI addCheckpoint() {
        String base = submissionPrefix.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }

    public URI monitoring(String originHash) {
        String base = submissionPrefix.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + originHash + "/checkpoint");
    }

    /** {@code <vkey> <url>}; the key ID in the vkey must be the one its name and key give. */
    public static WitnessEndpoint parse(String vkey, String url) {
        // name+hexid+base64: the name has no '+', but standard base64 may.
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (first <= 0 || second != first + 9) {
            throw new IllegalArgumentException("a witness verifier key is name+hexid+base64, got " + vkey);
        }
        String[] parts = {vkey.substring(0, first), vkey.substring(first + 1, second), vkey.substring(second + 1)};
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a witness verifier key's ID is 8 lowercase hex digits, got " + vkey);
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("witness " + parts[0] + ": the key is not base64");
        }
        if (material.length != 33 || material[0] != Cosigner.SIGNATURE_TYPE) {
            throw new IllegalArgumentException("witness " + parts[0] + ": the key is not a type 0x04 (tlog-cosignature Ed25519) key");
        }
        byte[] key = Arrays.copyOfRange(material, 1, 33);
        if (Integer.parseUnsignedInt(parts[1], 16) != Cosigner.keyId(parts[0], key)) {
            throw new IllegalArgumentException("witness " + parts[0] + ": key ID " + parts[1] + " does not match the name and key");
        }
        return new WitnessEndpoint(parts[0], key, URI.create(url));
    }

    /** A list of {@code <vkey> <url>} pairs separated by whitespace or commas (how TRUSTCHAIN_CT_WITNESSES is written). */
    public static java.util.List<WitnessEndpoint> parseList(String spec) {
        if (spec == null || spec.isBlank()) {
            return java.util.List.of();
        }
        String[] tokens = SEPARATORS.split(spec.trim());
        if (tokens.length % 2 != 0) {
            throw new IllegalArgumentException("witnesses are given as '<vkey> <url>' pairs; got an odd number of items");
        }
        java.util.List<WitnessEndpoint> out = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < tokens.length; i += 2) {
            WitnessEndpoint w = parse(tokens[i], tokens[i + 1]);
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("witness " + w.name() + " is configured twice");
            }
            out.add(w);
        }
        return java.util.List.copyOf(out);
    }
}
