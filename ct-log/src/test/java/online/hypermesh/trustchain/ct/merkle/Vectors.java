package online.hypermesh.trustchain.ct.merkle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Access to the RFC 6962 vectors in the test resources ({@code src/test/resources/merkle}, see its README)
 * and to the README's reference tree. A missing directory fails the tests: silently skipping
 * would let CI go green without ever checking the verifier.
 */
final class Vectors {

    /** The vectors' place among the test resources (src/test/resources/merkle). */
    private static final String RESOURCE = "/merkle";

    /** The README's eight reference leaf inputs, hex. */
    static final List<String> REFERENCE_LEAVES = List.of(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** The README's roots of the first N reference leaves, N = 0..8. */
    static final List<String> REFERENCE_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    record Inclusion(Path file, long leafIdx, long treeSize, byte[] root, byte[] leafHash, List<byte[]> proof,
            String desc, boolean wantErr) {
    }

    record Consistency(Path file, long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof,
            String desc, boolean wantErr) {
    }

    private Vectors() {
    }

    /**
     * The vector directory as the test class path holds it: Maven copies src/test/resources to
     * target/test-classes, a plain directory, so the files can be walked.
     */
    static Path dir() {
        URL url = Vectors.class.getResource(RESOURCE);
        if (url == null) {
            fail("Merkle test vectors not found on the test class path at " + RESOURCE + " (ct-log/src/test/resources/merkle)");
        }
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException("the Merkle vectors at " + url + " are not a directory on disk", e);
        }
        if (!Files.isDirectory(dir.resolve("inclusion")) || !Files.isDirectory(dir.resolve("consistency"))) {
            fail("Merkle test vectors incomplete at " + dir + " (expected inclusion/ and consistency/ there)");
        }
        return dir;
    }

    static List<Inclusion> inclusion() {
        List<Inclusion> out = new ArrayList<>();
        for (Path f : jsonFiles("inclusion")) {
            Map<String, Object> o = read(f);
            out.add(new Inclusion(f, num(o, "leafIdx"), num(o, "treeSize"), b64(o, "root"), b64(o, "leafHash"),
                    proof(o), (String) o.get("desc"), bool(o, "wantErr")));
        }
        return out;
    }

    static List<Consistency> consistency() {
        List<Consistency> out = new ArrayList<>();
        for (Path f : jsonFiles("consistency")) {
            Map<String, Object> o = read(f);
            out.add(new Consistency(f, num(o, "size1"), num(o, "size2"), b64(o, "root1"), b64(o, "root2"),
                    proof(o), (String) o.get("desc"), bool(o, "wantErr")));
        }
        return out;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Leaf hashes of the first {@code n} reference leaves. */
    static List<byte[]> referenceLeafHashes(int n) {
        return REFERENCE_LEAVES.subList(0, n).stream().map(h -> MerkleHashes.leafHash(hex(h))).toList();
    }

    private static List<Path> jsonFiles(String kind) {
        try (Stream<Path> files = Files.walk(dir().resolve(kind))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(!list.isEmpty(), "no " + kind + " vector files under " + dir());
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path f) {
        try {
            return (Map<String, Object>) MiniJson.parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    private static long num(Map<String, Object> o, String key) {
        return (Long) require(o, key);
    }

    private static boolean bool(Map<String, Object> o, String key) {
        return (Boolean) require(o, key);
    }

    private static byte[] b64(Map<String, Object> o, String key) {
        return Base64.getDecoder().decode((String) require(o, key));
    }

    // The vectors write an absent proof as null; for the verifier that is the empty proof.
    private static List<byte[]> proof(Map<String, Object> o) {
        Object p = o.get("proof");
        if (p == null) {
            return List.of();
        }
        return ((List<?>) p).stream().map(s -> Base64.getDecoder().decode((String) s)).toList();
    }

    private static Object require(Map<String, Object> o, String key) {
        if (!o.containsKey(key) || o.get(key) == null) {
            throw new IllegalArgumentException("missing field " + key);
        }
        return o.get(key);
    }
}
