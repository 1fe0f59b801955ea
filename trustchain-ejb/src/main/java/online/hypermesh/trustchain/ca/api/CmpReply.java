package online.hypermesh.trustchain.ca.api;

/**
 * A CMP response for the edge to send as it is: {@code status} 200 for every PKIMessage the
 * server could decode (errors included, RFC 6712 3.3), 400 for a body that is no PKIMessage; the
 * body is always a DER PKIMessage (application/pkixcmp).
 */
public record CmpReply(int status, byte[] body) {
    public static final String CONTENT_TYPE = "application/pkixcmp";
    /** The largest request the server reads (the same bound as the parser's): a CRMF or PKCS#10 request is a few kilobytes. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
}
