package online.hypermesh.trustchain.core.caa;

import java.util.Locale;

/**
 * One CAA resource record (RFC 8659 section 4.1): the flags octet, the property tag and its value.
 *
 * @param flags the flags octet; bit 7 (value 128) is Issuer Critical, the others are reserved and ignored
 * @param tag   the property tag as published (compared case-insensitively)
 * @param value the property value, uninterpreted here
 */
public record CaaProperty(int flags, String tag, String value) {
    /** The Issuer Critical flag: the most significant bit of the flags octet (RFC 8659 section 4.1). */
    public static final int CRITICAL = 0x80;

    public CaaProperty {
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("CAA flags are one octet (0-255), got " + flags);
        }
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a CAA property needs a tag");
        }
        value = value == null ? "" : value;
    }

    public boolean critical() {
        return (flags & CRITICAL) != 0;
    }

    /** The tag in lower case: RFC 8659 4.1 makes matching of tags case-insensitive. */
    public String normalizedTag() {
        return tag.toLowerCase(Locale.ROOT);
    }

    /** As a zone file shows it: {@code 0 issue "ca.example.net"}. */
    @Override
    public String toString() {
        return flags + " " + tag + " \"" + value + "\"";
    }
}
