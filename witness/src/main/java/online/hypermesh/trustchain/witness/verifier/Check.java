package online.hypermesh.trustchain.witness.verifier;

import java.util.Objects;

/**
 * One relying-party check of a certificate: its name, the outcome, a one-line reason and the
 * evidence it was decided on (a checkpoint's text, an audit path, an OCSP response...), so that an
 * operator can re-check the decision by hand.
 */
public record Check(String name, Outcome outcome, String detail, String evidence) {
    public enum Outcome { PASS, FAIL, SKIP }

    public Check {
        Objects.requireNonNull(name);
        Objects.requireNonNull(outcome);
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? "" : evidence;
    }

    public static Check pass(String name, String detail, String evidence) {
        return new Check(name, Outcome.PASS, detail, evidence);
    }

    public static Check fail(String name, String detail, String evidence) {
        return new Check(name, Outcome.FAIL, detail, evidence);
    }

    public static Check skip(String name, String reason) {
        return new Check(name, Outcome.SKIP, reason, "");
    }
}
