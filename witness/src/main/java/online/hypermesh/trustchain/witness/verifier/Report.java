package online.hypermesh.trustchain.witness.verifier;

import online.hypermesh.trustchain.witness.Json;

import java.util.List;
import java.util.Optional;

/** Every check of one chain, in the order they ran; it passes when none failed. */
public record Report(List<Check> checks) {
    public Report {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == Check.Outcome.FAIL);
    }

    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** {@code {"valid":bool,"checks":[{"name","outcome","detail","evidence"}...]}}. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\"valid\":").append(passed()).append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(c.name()))
                    .append(",\"outcome\":").append(Json.string(c.outcome().name().toLowerCase()))
                    .append(",\"detail\":").append(Json.string(c.detail()))
                    .append(",\"evidence\":").append(Json.string(c.evidence())).append('}');
        }
        return b.append("]}").toString();
    }

    /** One line a check, then its evidence indented: what the command prints. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (Check c : checks) {
            b.append(String.format("%-10s %-4s %s%n", c.name(), c.outcome(), c.detail()));
            if (!c.evidence().isEmpty()) {
                for (String line : c.evidence().split("\n", -1)) {
                    b.append("    ").append(line).append('\n');
                }
            }
        }
        return b.append(passed() ? "VALID" : "INVALID").append('\n').toString();
    }
}
