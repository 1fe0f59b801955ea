package online.hypermesh.trustchain.sinks.syslog;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import online.hypermesh.trustchain.sinks.cef.CefMapping;
import online.hypermesh.trustchain.sinks.delivery.EventSink;
import online.hypermesh.trustchain.sinks.delivery.PoisonEventException;
import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/**
 * The SIEM sink: each audit event as one RFC 5424 message (facility "log audit", MSGID the
 * action, the event's fields as structured data, a CEF line as MSG), octet-counted (RFC 5425) on
 * a TLS connection. The idempotency key travels twice: as {@code key} in the structured data and
 * as {@code cs1} in the CEF extension.
 *
 * <p>Structured data: {@code [trustchain@32473 key seq id actor action object_type object_id]}
 * and, when the event has details, {@code [details@32473 <key>=<value>...]}. 32473 is the example
 * private enterprise number of RFC 5612, as RFC 5424 uses for SD-IDs of one's own.
 */
public final class SiemSink implements EventSink {
    public static final String NAME = "siem";
    static final String SD_EVENT = "trustchain@32473";
    static final String SD_DETAILS = "details@32473";

    private final SyslogTlsTransport transport;
    private final CefMapping cef;
    private final String hostname;
    private final int maxMessageBytes;

    /**
     * @param hostname        the HOSTNAME field: this node
     * @param maxMessageBytes the longest message the receiver takes (rsyslog's default is 8096); longer events are poison
     */
    public SiemSink(SyslogTlsTransport transport, CefMapping cef, String hostname, int maxMessageBytes) {
        this.transport = transport;
        this.cef = cef;
        this.hostname = hostname;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] render(OutboxEvent e) throws PoisonEventException {
        byte[] message;
        try {
            message = message(e);
        } catch (RuntimeException ex) {
            throw new PoisonEventException("cannot render as syslog/CEF: " + ex.getMessage(), ex);
        }
        if (message.length > maxMessageBytes) {
            throw new PoisonEventException("the syslog message is " + message.length + " octets, more than the receiver's "
                    + maxMessageBytes);
        }
        return OctetCounting.frame(message);
    }

    /** The RFC 5424 message of an event, unframed. */
    public byte[] message(OutboxEvent e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", e.idempotencyKey());
        fields.put("seq", Long.toString(e.seq()));
        fields.put("id", Long.toString(e.eventId()));
        fields.put("actor", e.actor());
        fields.put("action", e.action());
        fields.put("object_type", e.objectType());
        if (e.objectId() != null) {
            fields.put("object_id", e.objectId());
        }
        List<Rfc5424.Element> sd = e.details().isEmpty()
                ? List.of(new Rfc5424.Element(SD_EVENT, fields))
                : List.of(new Rfc5424.Element(SD_EVENT, fields), new Rfc5424.Element(SD_DETAILS, e.details()));
        int severity = syslogSeverityOf(CefMapping.typeOf(e.action()).severity());
        return Rfc5424.message(Rfc5424.FACILITY_LOG_AUDIT, severity, e.occurredAt(), hostname, "trustchain", null, e.action(), sd,
                cef.line(e));
    }

    /** CEF 0-10 to syslog: 9-10 critical, 7-8 error, 5-6 warning, 3-4 notice, 0-2 informational. */
    public static int syslogSeverityOf(int cefSeverity) {
        if (cefSeverity >= 9) {
            return 2;
        }
        if (cefSeverity >= 7) {
            return 3;
        }
        if (cefSeverity >= 5) {
            return 4;
        }
        return cefSeverity >= 3 ? 5 : 6;
    }

    @Override
    public boolean connect() throws IOException {
        return transport.connect();
    }

    @Override
    public void send(List<byte[]> rendered) throws IOException {
        transport.send(rendered);
    }

    @Override
    public void close() {
        transport.close();
    }
}
