package online.hypermesh.trustchain.ca.ct;

import java.security.PublicKey;

import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.ct.log.LogSigner;

/** The log's signer: the CT key in the crypto token, reached through the signer bean (the token's only holder). */
final class CryptoTokenLogSigner implements LogSigner {
    private final CaSigner signer;
    private final PublicKey publicKey;

    CryptoTokenLogSigner(CaSigner signer, PublicKey publicKey) {
        this.signer = signer;
        this.publicKey = publicKey;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) {
        return signer.signForCtLog(message);
    }
}
