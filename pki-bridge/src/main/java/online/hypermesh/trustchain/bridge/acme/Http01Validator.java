package online.hypermesh.trustchain.bridge.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The http-01 check (RFC 8555 8.3): GET {@code http://<name>/.well-known/acme-challenge/<token>}
 * on the configured port (80 in production), from the addresses the name resolves to, IPv6
 * first; the body must be the key authorization, trailing whitespace ignored. Redirects are not
 * followed (a response other than 200 fails). HTTP/1.0, so the body is never chunked, and read
 * up to a small limit: a key authorization is about 90 bytes.
 */
public final class Http01Validator {
    private static final int MAX_RESPONSE = 8192;

    private final NameResolver resolver;
    private final int port;
    private final Duration timeout;

    public Http01Validator(NameResolver resolver, int port, Duration timeout) {
        this.resolver = resolver;
        this.port = port;
        this.timeout = timeout;
    }

    /** @return the address the key authorization was fetched from. @throws AcmeProblem connection, incorrectResponse or dns */
    public InetAddress validate(String name, String token, String keyAuthorization) {
        List<String> failures = new ArrayList<>();
        for (InetAddress address : resolver.addresses(name)) {
            try {
                String body = fetch(address, name, token);
                if (body.stripTrailing().equals(keyAuthorization)) {
                    return address;
                }
                throw new AcmeProblem(Type.INCORRECT_RESPONSE, "http://" + name + ":" + port + "/.well-known/acme-challenge/" + token
                        + " at " + literal(address) + " answered '" + abbreviate(body.strip()) + "', not the key authorization");
            } catch (IOException e) {
                failures.add(literal(address) + ": " + e.getMessage());
            }
        }
        throw new AcmeProblem(Type.CONNECTION, "could not fetch http://" + name + ":" + port + "/.well-known/acme-challenge/" + token
                + " (" + String.join("; ", failures) + ")");
    }

    private String fetch(InetAddress address, String name, String token) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            String host = port == 80 ? name : name + ":" + port;
            out.write(("GET /.well-known/acme-challenge/" + token + " HTTP/1.0\r\nHost: " + host
                    + "\r\nUser-Agent: TrustChain-ACME-validation\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] response = read(socket.getInputStream());
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("the response has no complete header");
            }
            String status = text.substring(0, Math.max(0, text.indexOf("\r\n")));
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + abbreviate(status));
            }
            if (!parts[1].equals("200")) {
                throw new AcmeProblem(Type.INCORRECT_RESPONSE, "http://" + name + ":" + port + "/.well-known/acme-challenge/" + token
                        + " at " + literal(address) + " answered " + status.substring(parts[0].length()).trim() + ", not 200");
            }
            return new String(response, end + 4, response.length - end - 4, StandardCharsets.UTF_8);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[2048];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            buffer.write(chunk, 0, n);
            if (buffer.size() > MAX_RESPONSE) {
                throw new IOException("the response is over " + MAX_RESPONSE + " bytes");
            }
        }
        return buffer.toByteArray();
    }

    private static String literal(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
