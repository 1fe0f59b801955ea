package online.hypermesh.trustchain.doq.quic;

/** A client broke an RFC 9250 stream rule; the whole connection must close with DOQ_PROTOCOL_ERROR. */
final class DoqProtocolException extends Exception {

    DoqProtocolException(String message) {
        super(message);
    }
}
