package online.hypermesh.trustchain.bridge.acme;

/**
 * An ACME error (RFC 8555 section 6.7): a problem document of type
 * {@code urn:ietf:params:acme:error:<type>} with the HTTP status it is sent with. Thrown anywhere
 * in the protocol's handling and turned into the response at the edge.
 */
public final class AcmeProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error types of RFC 8555 section 6.7 that this server sends, with their HTTP status. */
    public enum Type {
        ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400),
        ALREADY_REPLACED("alreadyReplaced", 409),
        ALREADY_REVOKED("alreadyRevoked", 400),
        BAD_CSR("badCSR", 400),
        BAD_NONCE("badNonce", 400),
        BAD_PUBLIC_KEY("badPublicKey", 400),
        BAD_REVOCATION_REASON("badRevocationReason", 400),
        BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400),
        CAA("caa", 403),
        CONNECTION("connection", 400),
        EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400),
        INCORRECT_RESPONSE("incorrectResponse", 400),
        MALFORMED("malformed", 400),
        ORDER_NOT_READY("orderNotReady", 403),
        REJECTED_IDENTIFIER("rejectedIdentifier", 400),
        SERVER_INTERNAL("serverInternal", 500),
        TLS("tls", 400),
        UNAUTHORIZED("unauthorized", 403),
        UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400),
        DNS("dns", 400);

        private final String name;
        private final int status;

        Type(String name, int status) {
            this.name = name;
            this.status = status;
        }

        public String urn() {
            return "urn:ietf:params:acme:error:" + name;
        }

        public int status() {
            return status;
        }
    }

    private final Type type;
    private final int status;

    public AcmeProblem(Type type, String detail) {
        this(type, type.status(), detail);
    }

    /** With a status other than the type's usual one (404 for an unknown resource, 405 for a GET of a POST-only one). */
    public AcmeProblem(Type type, int status, String detail) {
        super(detail);
        this.type = type;
        this.status = status;
    }

    public Type type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    /** The problem document, {@code application/problem+json}. */
    public String toJson() {
        return JsonP.JSON.createObjectBuilder().add("type", type.urn()).add("detail", detail()).add("status", status).build().toString();
    }
}
