package online.hypermesh.trustchain.core.crypto;

import java.util.regex.Pattern;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** Checks key alias syntax, so every token implementation agrees on what an alias is. */
public final class KeyAliases {
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private KeyAliases() {
    }

    public static String require(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new TrustChainException(ErrorKind.INTERNAL, "invalid key alias: " + alias);
        }
        return alias;
    }
}
