package online.hypermesh.trustchain.ca.ct;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.log.InvalidLogRequestException;
import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.log.LogUnavailableException;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.ct.submit.Submission;

/**
 * Sends a submission that this node cannot sequence to the node that can: an RFC 6962 add-chain or
 * add-pre-chain to the leader's CT listener, over TLS that trusts only TrustChain's roots. The
 * answer is checked before it is believed: the SCT must name this log and its signature must
 * verify over the submitted entry with this log's key, so a misdirected forward can never put a
 * foreign or forged SCT into a certificate.
 */
final class LeaderForwarder {
    private static final JsonProvider JSON = JsonProvider.provider();

    private final LogIdentity identity;
    private final List<X509CertificateHolder> trustedRoots;
    private final SSLSocketFactory tls;
    private final Duration timeout;

    LeaderForwarder(LogIdentity identity, List<X509CertificateHolder> trustedRoots, Duration timeout) {
        this.identity = identity;
        this.trustedRoots = List.copyOf(trustedRoots);
        this.tls = socketFactory(trustedRoots.stream().map(AcceptedRootsLoader::x509).toList());
        this.timeout = timeout;
    }

    /** Whether this forwarder trusts exactly {@code roots} (a root rollover changes them); compares encodings, parses nothing. */
    boolean trustsExactly(List<X509CertificateHolder> roots) {
        return trustedRoots.equals(roots);
    }

    /**
     * @param leaderUrl the leader's CT URL, ending in a slash
     * @throws InvalidLogRequestException when the leader rejects the chain (400)
     * @throws LogUnavailableException    when the leader cannot be reached or answers anything else
     */
    AddedEntry forward(String leaderUrl, Submission submission, boolean precertificate) {
        String endpoint = leaderUrl + "ct/v1/" + (precertificate ? "add-pre-chain" : "add-chain");
        // The submitted end-entity (the precertificate itself, not its TBS entry), then its issuers.
        JsonArrayBuilder chain = JSON.createArrayBuilder()
                .add(Base64.getEncoder().encodeToString(precertificate ? submission.preCertificate() : submission.entry().certificate()));
        for (byte[] der : submission.chain()) {
            chain.add(Base64.getEncoder().encodeToString(der));
        }
        byte[] body = JSON.createObjectBuilder().add("chain", chain).build().toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpsURLConnection c = (HttpsURLConnection) URI.create(endpoint).toURL().openConnection();
            c.setSSLSocketFactory(tls);
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            String answer = read(status < 400 ? c.getInputStream() : c.getErrorStream());
            if (status == HttpURLConnection.HTTP_OK) {
                return checked(parse(answer), submission);
            }
            if (status == HttpURLConnection.HTTP_BAD_REQUEST) {
                throw new InvalidLogRequestException("the node sequencing the CT log rejected the chain: " + detail(answer));
            }
            throw new LogUnavailableException("the node sequencing the CT log (" + leaderUrl + ") answered " + status + ": " + detail(answer));
        } catch (IOException e) {
            throw new LogUnavailableException("cannot reach the node sequencing the CT log at " + leaderUrl + ": " + e.getMessage(), e);
        }
    }

    private AddedEntry checked(SignedCertificateTimestamp sct, Submission submission) {
        if (!Arrays.equals(sct.logId(), identity.logId())) {
            throw new LogUnavailableException("the node at the advertised leader URL runs another log (log_id "
                    + Base64.getEncoder().encodeToString(sct.logId()) + "); check trustchain.ct.node.url");
        }
        byte[] input = SignatureInputs.certificateTimestamp(sct.timestamp(), submission.entry(), sct.extensions());
        if (!verifies(identity.publicKey(), input, sct.signature().signature())) {
            throw new LogUnavailableException("the SCT the sequencing node returned does not verify with this log's key");
        }
        long leafIndex = CtExtensions.findLeafIndex(sct.extensions())
                .orElseThrow(() -> new LogUnavailableException("the forwarded SCT carries no leaf_index extension"));
        return new AddedEntry(sct, leafIndex, false);
    }

    private static SignedCertificateTimestamp parse(String answer) {
        try {
            JsonObject o = JSON.createReader(new StringReader(answer)).readObject();
            Base64.Decoder b64 = Base64.getDecoder();
            return new SignedCertificateTimestamp(b64.decode(o.getString("id")), o.getJsonNumber("timestamp").longValueExact(),
                    b64.decode(o.getString("extensions")), DigitallySigned.decode(b64.decode(o.getString("signature"))));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException | IllegalArgumentException e) {
            throw new LogUnavailableException("the node sequencing the CT log returned an SCT that cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean verifies(PublicKey key, byte[] input, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The problem+json detail when there is one, else the body itself (cut short). */
    private static String detail(String answer) {
        try {
            return JSON.createReader(new StringReader(answer)).readObject().getString("detail");
        } catch (RuntimeException e) {
            return answer.length() > 200 ? answer.substring(0, 200) + "..." : answer;
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static SSLSocketFactory socketFactory(List<X509Certificate> roots) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                trust.setCertificateEntry("root-" + i, roots.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context for forwarding to the CT log's leader", e);
        }
    }
}
