package online.hypermesh.trustchain.ca.api;

/** A token just created: the secret is shown this once and cannot be read again. */
public record NewToken(TokenView token, String secret) {
}
