package online.hypermesh.trustchain.sinks.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * RFC 5424 syslog messages: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG}.
 * Header fields are printable US-ASCII without spaces (section 6.2: anything else becomes
 * {@code _}, and each is cut to its maximum length); structured data follows section 6.3 (SD-NAMEs
 * of at most 32 printable characters other than {@code = ] "} and space; in PARAM-VALUEs
 * {@code "}, {@code \} and {@code ]} are escaped with a backslash, 6.3.3); the MSG is UTF-8
 * without a BOM (MSG-ANY, so a CEF parser sees {@code CEF:} first).
 */
public final class Rfc5424 {
    /** Facility 13, "log audit" (RFC 5424 table 1). */
    public static final int FACILITY_LOG_AUDIT = 13;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Rfc5424() {
    }

    /** One structured data element: an SD-ID and its parameters, in the order given. */
    public record Element(String id, Map<String, String> parameters) {
    }

    /**
     * The whole message as bytes.
     *
     * @param severity 0 (emergency) to 7 (debug)
     */
    public static byte[] message(int facility, int severity, Instant timestamp, String hostname, String appName, String procId,
                                 String msgId, Iterable<Element> structuredData, String msg) {
        if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
            throw new IllegalArgumentException("facility 0-23 and severity 0-7, were " + facility + " and " + severity);
        }
        StringBuilder out = new StringBuilder(256);
        out.append('<').append(facility * 8 + severity).append(">1 ")
                .append(TIMESTAMP.format(timestamp.truncatedTo(ChronoUnit.MICROS))).append(' ')
                .append(headerField(hostname, 255)).append(' ')
                .append(headerField(appName, 48)).append(' ')
                .append(headerField(procId, 128)).append(' ')
                .append(headerField(msgId, 32)).append(' ');
        int elements = 0;
        for (Element e : structuredData) {
            out.append('[').append(sdName(e.id()));
            e.parameters().forEach((name, value) -> out.append(' ').append(sdName(name)).append("=\"").append(paramValue(value)).append('"'));
            out.append(']');
            elements++;
        }
        if (elements == 0) {
            out.append('-');
        }
        if (msg != null && !msg.isEmpty()) {
            out.append(' ').append(msg);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A header field: NILVALUE when empty, else printable US-ASCII (33-126), at most {@code max} characters. */
    static String headerField(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 33 && c <= 126 ? c : '_');
        }
        return out.toString();
    }

    /** An SD-NAME (SD-ID or PARAM-NAME): printable US-ASCII except {@code = ] "} and space, 1 to 32 characters. */
    static String sdName(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), 32));
        for (int i = 0; i < name.length() && out.length() < 32; i++) {
            char c = name.charAt(i);
            out.append(c >= 33 && c <= 126 && c != '=' && c != ']' && c != '"' ? c : '_');
        }
        return out.toString();
    }

    /** A PARAM-VALUE (section 6.3.3): {@code "}, {@code \} and {@code ]} escaped with a backslash; UTF-8 otherwise as is. */
    static String paramValue(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
