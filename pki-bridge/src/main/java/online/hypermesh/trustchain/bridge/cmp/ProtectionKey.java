package online.hypermesh.trustchain.bridge.cmp;

import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * The server's CMP protection key (RFC 9483 3.2): what signs the responses to requests that are
 * protected by signature. A MAC answers a MAC; a signed request has no shared secret to answer
 * with, so its answer is signed by this key, whose certificate goes first in extraCerts.
 */
public interface ProtectionKey {
    /** The CMP protection certificate: its subject is the responses' sender, its key identifier their senderKID. */
    X509CertificateHolder certificate();

    /** The certificates from the protection certificate's issuer up to, not including, the root. */
    List<X509CertificateHolder> chain();

    /** A fresh signer over one ProtectedPart. */
    ContentSigner signer();
}
