package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.nio.file.Files;

/** The bearer token: given literally, or read (trimmed) from the token file. */
final class TokenSource {
    private TokenSource() {
    }

    static String resolve(BenchConfig config) throws IOException {
        if (config.token() != null) {
            return config.token().strip();
        }
        String token = Files.readString(config.tokenFile()).strip();
        if (token.isEmpty()) {
            throw new IOException("token file " + config.tokenFile() + " is empty");
        }
        return token;
    }
}
