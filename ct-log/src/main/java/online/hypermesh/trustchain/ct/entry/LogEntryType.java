package online.hypermesh.trustchain.ct.entry;

import online.hypermesh.trustchain.ct.tls.TlsDecodingException;

/** RFC 6962 {@code enum { x509_entry(0), precert_entry(1), (65535) } LogEntryType}. */
public enum LogEntryType {
    X509_ENTRY(0),
    PRECERT_ENTRY(1);

    private final int code;

    LogEntryType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LogEntryType fromCode(int code) {
        for (LogEntryType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new TlsDecodingException("unknown LogEntryType " + code);
    }
}
