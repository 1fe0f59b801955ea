package online.hypermesh.trustchain.web.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Typed query parameters with errors that name the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    /** An RFC 3339 date-time such as 2026-11-23T00:00:00Z; null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw TrustChainException.malformed(name + " must be an RFC 3339 date-time like 2026-11-23T00:00:00Z, was '" + value + "'");
        }
    }

    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw TrustChainException.malformed(name + " must be a whole number, was '" + value + "'");
        }
    }
}
