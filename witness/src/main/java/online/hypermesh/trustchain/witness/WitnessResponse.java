package online.hypermesh.trustchain.witness;

/** An HTTP answer of the witness: status, Content-Type and body. */
public record WitnessResponse(int status, String contentType, String body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String SIZE = "text/x.tlog.size";
    static final String JSON = "application/json";

    static WitnessResponse text(int status, String message) {
        return new WitnessResponse(status, TEXT, message.endsWith("\n") ? message : message + "\n");
    }
}
