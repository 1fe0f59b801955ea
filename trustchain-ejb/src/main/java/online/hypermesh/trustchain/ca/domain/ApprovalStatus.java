package online.hypermesh.trustchain.ca.domain;

import java.util.Locale;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Where an approval stands. Only {@link #PENDING} can change, once: to approved (the action was
 * carried out), refused (it never will be) or failed (approved, but carrying it out was refused,
 * e.g. the certificate had been revoked meanwhile; the problem is recorded).
 */
public enum ApprovalStatus {
    PENDING, APPROVED, REFUSED, FAILED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApprovalStatus fromApiName(String name) {
        for (ApprovalStatus s : values()) {
            if (s.apiName().equals(name)) {
                return s;
            }
        }
        throw TrustChainException.malformed("status '" + name + "' is not one of pending, approved, refused, failed, all");
    }
}
