package online.hypermesh.trustchain.web.security;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Authorization at the boundary, closed by default. Every resource method gets a role check:
 * {@code @PermitAll} lets anyone in, {@code @RolesAllowed({"issuer", ...})} needs an
 * authenticated caller with one of those roles (the names of {@link Caller.Role}, lower case), and
 * a method that declares neither (on itself or its class) is refused on every request. A new
 * endpoint therefore cannot be reachable by forgetting to say who may call it; EndpointRolesTest
 * also walks every resource method so such an endpoint fails the build before it is deployed.
 * The application layer checks roles again (defence in depth).
 */
@Provider
public class EndpointRoles implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        context.register(new RoleFilter(declared(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod())),
                Priorities.AUTHORIZATION);
    }

    /** What a resource method declares: the method's annotation wins over its class's. */
    public static Declared declared(Class<?> resource, Method method) {
        Declared onMethod = declared(method.getAnnotation(PermitAll.class), method.getAnnotation(RolesAllowed.class),
                method.getAnnotation(DenyAll.class), method.toString());
        if (onMethod != null) {
            return onMethod;
        }
        Declared onClass = declared(resource.getAnnotation(PermitAll.class), resource.getAnnotation(RolesAllowed.class),
                resource.getAnnotation(DenyAll.class), resource.getName());
        return onClass != null ? onClass : Declared.NOTHING;
    }

    private static Declared declared(PermitAll permitAll, RolesAllowed rolesAllowed, DenyAll denyAll, String where) {
        int count = (permitAll != null ? 1 : 0) + (rolesAllowed != null ? 1 : 0) + (denyAll != null ? 1 : 0);
        if (count > 1) {
            throw new IllegalStateException(where + " declares more than one of @PermitAll, @RolesAllowed, @DenyAll");
        }
        if (permitAll != null) {
            return Declared.ANYONE;
        }
        if (denyAll != null) {
            return Declared.NOTHING;
        }
        if (rolesAllowed == null) {
            return null;
        }
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String name : rolesAllowed.value()) {
            try {
                roles.add(Caller.Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + " names role '" + name + "', which does not exist", e);
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(where + " has an empty @RolesAllowed; use @DenyAll");
        }
        return new Declared(false, roles);
    }

    /** Anyone ({@code open}), or callers with one of {@code roles}; neither: nobody. */
    public record Declared(boolean open, Set<Caller.Role> roles) {
        static final Declared ANYONE = new Declared(true, Set.of());
        static final Declared NOTHING = new Declared(false, Set.of());

        public Declared {
            roles = Set.copyOf(roles);
        }

        public boolean admits(Caller caller) {
            return open || (caller != null && roles.stream().anyMatch(caller::has));
        }

        /**
         * Refuses {@code caller} (null: not authenticated) unless this admits it: FORBIDDEN for what declares
         * no role, UNAUTHORIZED without a caller, FORBIDDEN naming the roles needed otherwise.
         */
        public void check(Caller caller) {
            if (open) {
                return;
            }
            if (roles.isEmpty()) {
                throw new TrustChainException(ErrorKind.FORBIDDEN, "this endpoint declares no role, so nobody may call it");
            }
            if (caller == null) {
                throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>' or a client certificate");
            }
            if (!admits(caller)) {
                String needed = roles.stream().map(Caller.Role::apiName).sorted().collect(Collectors.joining(", "));
                throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + caller.name() + "' may not do this; it needs one of the roles: " + needed);
            }
        }
    }
}
