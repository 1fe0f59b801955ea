package online.hypermesh.trustchain.web.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/** The check {@link EndpointRoles} puts in front of one resource method. */
final class RoleFilter implements ContainerRequestFilter {
    private final EndpointRoles.Declared declared;

    RoleFilter(EndpointRoles.Declared declared) {
        this.declared = declared;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        declared.check(ApiAuthenticationFilter.callerOf(request));
    }
}
