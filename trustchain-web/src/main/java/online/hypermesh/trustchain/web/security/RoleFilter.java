package online.hypermesh.trustchain.web.security;

import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The check {@link EndpointRoles} puts in front of one resource method. */
final class RoleFilter implements ContainerRequestFilter {
    private final EndpointRoles.Declared declared;

    RoleFilter(EndpointRoles.Declared declared) {
        this.declared = declared;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (declared.open()) {
            return;
        }
        if (declared.roles().isEmpty()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this endpoint declares no role, so nobody may call it");
        }
        Caller caller = ApiAuthenticationFilter.callerOf(request);
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>' or a client certificate");
        }
        if (!declared.admits(caller)) {
            String needed = declared.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                    .collect(Collectors.joining(", "));
            throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + caller.name() + "' may not do this; it needs one of the roles: " + needed);
        }
    }
}
