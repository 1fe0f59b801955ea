package online.hypermesh.trustchain.doq.update;

import java.util.Objects;

import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** A TSIG key (RFC 8945 4): its name, its HMAC algorithm (e.g. {@link TSIG#HMAC_SHA256}) and its secret. */
public record TsigKey(Name name, Name algorithm, byte[] secret) {
    public TsigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    TSIG signer() {
        return new TSIG(algorithm, name, secret);
    }
}
