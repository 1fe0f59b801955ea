package online.hypermesh.trustchain.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class EndpointRolesTest {

    /** Every resource method of the web tier, found from the compiled classes, so none can be missed. */
    private static List<Method> resourceMethods() {
        List<Method> methods = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("online.hypermesh.trustchain.web")) {
            for (Method m : c.reflect().getDeclaredMethods()) {
                if (java.util.Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    @Test
    void everyResourceMethod_declaresWhoMayCallIt() {
        List<Method> methods = resourceMethods();
        assertTrue(methods.size() > 40, "found only " + methods.size() + " resource methods");
        List<String> undeclared = new ArrayList<>();
        for (Method m : methods) {
            EndpointRoles.Declared d = EndpointRoles.declared(m.getDeclaringClass(), m);
            if (!d.open() && d.roles().isEmpty()) {
                undeclared.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        assertEquals(List.of(), undeclared, "resource methods without @PermitAll or @RolesAllowed are refused on every request");
    }

    @Test
    void apiWrites_areNeverOpen() {
        for (Method m : resourceMethods()) {
            Path classPath = m.getDeclaringClass().getAnnotation(Path.class);
            boolean api = classPath != null && classPath.value().startsWith("api/");
            // POST /api/v1/validate is a read: it checks a chain the caller sends and changes nothing.
            boolean readOnlyPost = m.getDeclaringClass().getSimpleName().equals("ValidateResource");
            if (api && m.getAnnotation(GET.class) == null && !readOnlyPost) {
                assertFalse(EndpointRoles.declared(m.getDeclaringClass(), m).open(), m + " changes state and is open to anyone");
            }
        }
    }

    @Test
    void theEmergencyEndpoints_admitOnlyTheEmergencyRole() throws Exception {
        Class<?> emergency = Class.forName("online.hypermesh.trustchain.web.rest.EmergencyResource");
        for (String name : List.of("revokeAll", "setIssuance")) {
            Method m = java.util.Arrays.stream(emergency.getDeclaredMethods()).filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
            assertEquals(Set.of(Caller.Role.EMERGENCY), EndpointRoles.declared(emergency, m).roles());
        }
    }

    static class Undeclared {
        @GET
        public String forgotten() {
            return "";
        }

        @GET
        @RolesAllowed("issuer")
        public String issuers() {
            return "";
        }

        @GET
        @PermitAll
        public String open() {
            return "";
        }
    }

    @RolesAllowed("auditor")
    static class ClassLevel {
        @GET
        public String read() {
            return "";
        }
    }

    @Test
    void anEndpointThatDeclaresNothing_isRefusedEvenToAnAdministrator() throws Exception {
        RoleFilter filter = new RoleFilter(EndpointRoles.declared(Undeclared.class, Undeclared.class.getMethod("forgotten")));
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> filter.filter(request(new Caller("root", Set.of(Caller.Role.ADMIN, Caller.Role.ISSUER)))));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
    }

    @Test
    void roles_areChecked_andAnonymousCallersAreAskedToAuthenticate() throws Exception {
        RoleFilter issuers = new RoleFilter(EndpointRoles.declared(Undeclared.class, Undeclared.class.getMethod("issuers")));
        issuers.filter(request(new Caller("payments", Caller.Role.ISSUER)));
        assertEquals(ErrorKind.FORBIDDEN, assertThrows(TrustChainException.class,
                () -> issuers.filter(request(new Caller("audit", Caller.Role.AUDITOR)))).kind());
        assertEquals(ErrorKind.UNAUTHORIZED, assertThrows(TrustChainException.class, () -> issuers.filter(request(null))).kind());

        new RoleFilter(EndpointRoles.declared(Undeclared.class, Undeclared.class.getMethod("open"))).filter(request(null));

        RoleFilter classLevel = new RoleFilter(EndpointRoles.declared(ClassLevel.class, ClassLevel.class.getMethod("read")));
        classLevel.filter(request(new Caller("audit", Caller.Role.AUDITOR)));
        assertThrows(TrustChainException.class, () -> classLevel.filter(request(new Caller("payments", Caller.Role.ISSUER))));
    }

    /** A request context that holds only properties (what the role filter reads). */
    private static ContainerRequestContext request(Caller caller) {
        Map<String, Object> properties = new HashMap<>();
        ContainerRequestContext context = (ContainerRequestContext) Proxy.newProxyInstance(EndpointRolesTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        if (caller != null) {
            ApiAuthenticationFilter.remember(context, caller);
        }
        return context;
    }
}
