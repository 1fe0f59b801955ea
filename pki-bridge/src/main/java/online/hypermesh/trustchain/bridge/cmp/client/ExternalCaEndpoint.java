package online.hypermesh.trustchain.bridge.cmp.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Where and how to reach the external CA.
 *
 * @param name          how TrustChain calls this CA in its rows, audit events and errors
 * @param url           the CMP endpoint, http(s)://host:port/path (RFC 6712 POST of application/pkixcmp)
 * @param reference     the senderKID the CA knows the shared secret by
 * @param secret        the shared secret of the password-based MAC
 * @param caCertificate the CA's certificate: the recipient of requests, the key a signed response must verify with, and
 *                      the anchor the issued certificate must chain to
 * @param timeout       for connecting and for each answer
 */
public record ExternalCaEndpoint(String name, URI url, String reference, byte[] secret, X509CertificateHolder caCertificate,
                                 Duration timeout) {
    public ExternalCaEndpoint {
        Objects.requireNonNull(name);
        Objects.requireNonNull(url);
        Objects.requireNonNull(reference);
        secret = secret.clone();
        Objects.requireNonNull(caCertificate);
        Objects.requireNonNull(timeout);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "ExternalCaEndpoint[" + name + " at " + url + ", reference " + reference + "]";
    }
}
