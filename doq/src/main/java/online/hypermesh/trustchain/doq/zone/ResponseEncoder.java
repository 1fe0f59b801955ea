package online.hypermesh.trustchain.doq.zone;

import java.util.List;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * Serialises a response for one transport: truncates (TC) to the size the client can take and,
 * on encrypted transports, pads it with the EDNS(0) Padding option (RFC 7830) so that response
 * length leaks less about which name was asked for.
 */
public final class ResponseEncoder {

    /** RFC 8467 section 4.1: servers pad responses to a multiple of 468 octets. */
    public static final int RFC8467_RESPONSE_BLOCK = 468;
    /** EDNS option code of Padding (RFC 7830). */
    public static final int EDNS_PADDING = 12;
    /** Largest DNS message a 2-byte length prefix can frame (TCP, DoQ). */
    public static final int MAX_STREAM_MESSAGE = 65535;
    private static final int OPTION_HEADER = 4;

    private final int paddingBlock;

    /** @param paddingBlock block length to pad to, or 0 for no padding (plain UDP/TCP) */
    public ResponseEncoder(int paddingBlock) {
        if (paddingBlock < 0 || paddingBlock > MAX_STREAM_MESSAGE) {
            throw new IllegalArgumentException("padding block out of range: " + paddingBlock);
        }
        this.paddingBlock = paddingBlock;
    }

    public static ResponseEncoder unpadded() {
        return new ResponseEncoder(0);
    }

    public static ResponseEncoder rfc8467Padded() {
        return new ResponseEncoder(RFC8467_RESPONSE_BLOCK);
    }

    public int paddingBlock() {
        return paddingBlock;
    }

    public byte[] encode(Message response, int maxSize) {
        byte[] wire = response.toWire();
        if (wire.length > maxSize) {
            // dnsjava drops whole RRsets that do not fit and sets TC, so the client retries over TCP.
            return response.toWire(maxSize);
        }
        OPTRecord opt = response.getOPT();
        if (paddingBlock == 0 || opt == null) {
            return wire;
        }
        int unpadded = wire.length + OPTION_HEADER;
        int padding = (paddingBlock - unpadded % paddingBlock) % paddingBlock;
        if (unpadded + padding > maxSize) {
            padding = Math.max(0, maxSize - unpadded);
        }
        if (unpadded > maxSize) {
            return wire;
        }
        response.removeRecord(opt, Section.ADDITIONAL);
        response.addRecord(new OPTRecord(opt.getPayloadSize(), opt.getExtendedRcode(), opt.getVersion(),
                opt.getFlags(), List.of(new GenericEDNSOption(EDNS_PADDING, new byte[padding]))),
                Section.ADDITIONAL);
        return response.toWire();
    }
}
