package online.hypermesh.trustchain.doq.quic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;

/**
 * Serves one DoQ stream: exactly one length-prefixed query, one response, then FIN (RFC 9250 4.2).
 * Any violation of the stream rules closes the whole connection with DOQ_PROTOCOL_ERROR (4.3.3, 5).
 */
final class DoqStreamHandler {

    private static final Logger LOG = Logger.getLogger(DoqStreamHandler.class.getName());
    /** RFC 7828 edns-tcp-keepalive must not appear on DoQ (RFC 9250 5.5.2). */
    private static final int EDNS_TCP_KEEPALIVE = 11;

    private final DnsWireHandler handler;

    DoqStreamHandler(DnsWireHandler handler) {
        this.handler = handler;
    }

    void serve(QuicConnection connection, QuicStream stream) {
        try {
            if (!stream.isClientInitiatedBidirectional()) {
                throw new DoqProtocolException("client opened a stream that is not client-initiated bidirectional");
            }
            byte[] response = answer(readSingleMessage(stream.getInputStream()));
            OutputStream out = stream.getOutputStream();
            out.write(new byte[] {(byte) (response.length >>> 8), (byte) response.length});
            out.write(response);
            out.close(); // FIN: this stream carries exactly one response
        } catch (DoqProtocolException e) {
            LOG.log(Level.FINE, "DoQ protocol error: {0}", e.getMessage());
            connection.close(DoqErrorCodes.DOQ_PROTOCOL_ERROR, e.getMessage());
        } catch (IOException e) {
            // Stream reset by the peer or connection gone; nothing to answer.
            LOG.log(Level.FINE, "DoQ stream failed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DoQ internal error", e);
            stream.resetStream(DoqErrorCodes.DOQ_INTERNAL_ERROR);
        }
    }

    /** Reads the 2-byte length and the message, then requires FIN: a second message is an error. */
    private static byte[] readSingleMessage(InputStream in) throws IOException, DoqProtocolException {
        int high = in.read();
        int low = high < 0 ? -1 : in.read();
        if (low < 0) {
            throw new DoqProtocolException("stream ended before the length prefix");
        }
        byte[] message = in.readNBytes((high << 8) | low);
        if (message.length != ((high << 8) | low)) {
            throw new DoqProtocolException("stream ended inside the DNS message");
        }
        if (in.read() >= 0) {
            throw new DoqProtocolException("more than one message on a stream");
        }
        return message;
    }

    private byte[] answer(byte[] wire) throws DoqProtocolException {
        if (wire.length >= 2 && (wire[0] != 0 || wire[1] != 0)) {
            throw new DoqProtocolException("DNS message ID is not 0");
        }
        // RFC 9250 4.3.3: a malformed or unexpected message (a response where a query belongs) is a
        // protocol error, answered by closing the connection rather than with a DNS message.
        DnsWireHandler.Received received = DnsWireHandler.receive(wire, ResponseEncoder.MAX_STREAM_MESSAGE);
        if (received instanceof DnsWireHandler.Ignored ignored) {
            throw new DoqProtocolException(ignored.reason());
        }
        if (!(received instanceof DnsWireHandler.Query q)) {
            throw new DoqProtocolException("the message is not a decodable DNS query");
        }
        Message query = q.message();
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            for (EDNSOption option : opt.getOptions()) {
                if (option.getCode() == EDNS_TCP_KEEPALIVE) {
                    throw new DoqProtocolException("edns-tcp-keepalive is forbidden on DoQ");
                }
            }
        }
        return handler.respond(q, ResponseEncoder.MAX_STREAM_MESSAGE);
    }
}
