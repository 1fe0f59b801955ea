package online.hypermesh.trustchain.ca.api;

/** What the SCEP edge sends: status, content type and body. */
public record ScepReply(int status, String contentType, byte[] body) {
    public ScepReply {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
