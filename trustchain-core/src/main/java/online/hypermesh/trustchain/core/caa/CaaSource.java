package online.hypermesh.trustchain.core.caa;

/** Where CAA records come from: one lookup of type CAA at one absolute name, CNAMEs followed by the source. */
@FunctionalInterface
public interface CaaSource {
    /** @param domain a lower-case domain name without the trailing dot */
    CaaAnswer lookup(String domain);
}
