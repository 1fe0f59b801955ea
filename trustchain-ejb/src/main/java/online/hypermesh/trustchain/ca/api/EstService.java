package online.hypermesh.trustchain.ca.api;

import java.security.cert.X509Certificate;

import jakarta.ejb.Local;

/**
 * EST (RFC 7030) for the web edge, under {@code /.well-known/est/[<label>/]}. The edge
 * authenticates the caller (HTTP Basic with an account's token, or a TLS client certificate bound
 * to an account) and passes each body as it came; replies are the wire bodies, base64 text to be
 * sent with {@code Content-Transfer-Encoding: base64}. Refusals are
 * {@link online.hypermesh.trustchain.core.error.TrustChainException}s (bad input 400, an unknown
 * label 404, the registration authority's 403); a refused request stores nothing but its audit event.
 */
@Local
public interface EstService {
    /** A reply body and its Content-Type. */
    /**
     * @param retryAfterSeconds set when the request waits (RFC 7030 4.2.3: HTTP 202 with
     *                          Retry-After; the client sends the same request again); null otherwise
     */
    record Reply(String contentType, byte[] body, Integer retryAfterSeconds) {
        public Reply(String contentType, byte[] body) {
            this(contentType, body, null);
        }
    }

    /** 4.1: the CA certificates (certs-only PKCS#7): every active intermediate and every root. No caller. */
    Reply caCertificates(String label);

    /** 4.5: the CsrAttrs the label's profile asks for. No caller. */
    Reply csrAttributes(String label);

    /** 4.2.1: a certificate for the base64 PKCS#10 {@code body}, under the label's profile, as {@code caller}. */
    Reply simpleEnroll(String label, byte[] body, Caller caller);

    /**
     * 4.2.2: a renewal of {@code current}, the TLS client certificate that authenticated {@code caller};
     * the request must repeat its subject and subjectAltName.
     */
    Reply simpleReenroll(String label, byte[] body, X509Certificate current, Caller caller);

    /** 4.4: a key generated here and a certificate for it (multipart/mixed); the key is not kept. */
    Reply serverKeyGen(String label, byte[] body, Caller caller);
}
