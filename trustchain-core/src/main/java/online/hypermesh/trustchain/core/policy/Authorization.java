package online.hypermesh.trustchain.core.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * What an account may be issued: names within {@code scopes}, one of {@code profiles} and
 * {@code regions} ("*" for any), and at most {@code maxValidityHours} (null: the profile's own
 * maximum). Closed by default: no scope covers no name, an empty profile list allows no profile.
 */
public record Authorization(List<NameScope> scopes, Set<String> profiles, Set<String> regions, Integer maxValidityHours) {
    public static final String ANY = "*";
    /** Nothing at all: the authorization of an account that is not meant to hold certificates. */
    public static final Authorization NONE = new Authorization(List.of(), Set.of(), Set.of(), null);

    public Authorization {
        scopes = List.copyOf(scopes.stream().distinct().toList());
        profiles = Set.copyOf(profiles);
        regions = Set.copyOf(regions);
        if (maxValidityHours != null && maxValidityHours < 1) {
            throw TrustChainException.malformed("max_validity_hours must be at least 1, was " + maxValidityHours);
        }
    }

    /** Whether some scope covers the name. */
    public boolean covers(RequestedName name) {
        for (NameScope scope : scopes) {
            if (scope.covers(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first name no scope covers, in request order. */
    public Optional<RequestedName> firstUncovered(List<RequestedName> names) {
        return names.stream().filter(n -> !covers(n)).findFirst();
    }

    public boolean allowsProfile(String profile) {
        return profiles.contains(ANY) || profiles.contains(profile);
    }

    public boolean allowsRegion(String region) {
        return regions.contains(ANY) || regions.contains(region);
    }
}
