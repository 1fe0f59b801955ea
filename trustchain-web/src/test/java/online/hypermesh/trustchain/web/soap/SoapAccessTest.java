package online.hypermesh.trustchain.web.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.jws.WebMethod;
import jakarta.jws.WebService;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.problem.Problem;
import online.hypermesh.trustchain.web.security.EndpointRoles;

/**
 * Closed by default, as for REST (EndpointRolesTest): every operation of every SOAP endpoint
 * declares who may call it, the ones that change state are never open, and the handler's check
 * refuses what a declaration does not admit.
 */
class SoapAccessTest {
    private final SoapAccess access = SoapAccess.of(CertificateAuthorityEndpoint.class);

    /** Every public method of every @WebService class of the web tier, from the compiled classes, so none can be missed. */
    private static List<Method> operations() {
        List<Method> methods = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("online.hypermesh.trustchain.web")) {
            Class<?> type = c.reflect();
            if (type.isAnnotationPresent(WebService.class)) {
                for (Method m : type.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                        methods.add(m);
                    }
                }
            }
        }
        return methods;
    }

    @Test
    void everyOperation_isAWebMethod_thatDeclaresWhoMayCallIt() {
        List<Method> methods = operations();
        assertTrue(methods.size() >= 6, "found only " + methods.size() + " operations");
        List<String> undeclared = new ArrayList<>();
        for (Method m : methods) {
            EndpointRoles.Declared d = EndpointRoles.declared(m.getDeclaringClass(), m);
            if (m.getAnnotation(WebMethod.class) == null || (!d.open() && d.roles().isEmpty())) {
                undeclared.add(m.getDeclaringClass().getSimpleName() + "." + m.getName());
            }
        }
        assertEquals(List.of(), undeclared, "operations without @WebMethod and @PermitAll or @RolesAllowed are refused on every call");
    }

    @Test
    void onlyThePublicReads_areOpen_andTheRolesAreRests() {
        List<String> open = new ArrayList<>();
        for (Method m : operations()) {
            if (EndpointRoles.declared(m.getDeclaringClass(), m).open()) {
                open.add(SoapAccess.operationName(m));
            }
        }
        assertEquals(Set.of("getCaCertificates", "getCrl"), Set.copyOf(open));
        assertEquals(Set.of(Caller.Role.ISSUER), roles("issueCertificate"));
        assertEquals(Set.of(Caller.Role.ADMIN, Caller.Role.OFFICER, Caller.Role.ISSUER), roles("revokeCertificate"));
        assertEquals(Set.of(Caller.Role.ADMIN, Caller.Role.OFFICER, Caller.Role.ISSUER, Caller.Role.AUDITOR), roles("searchCertificates"));
    }

    @Test
    void noCredential_isUnauthorized_anAuditorMayNotRevoke_butMaySearch() {
        assertEquals(ErrorKind.UNAUTHORIZED, refused(() -> access.check("revokeCertificate", true, null, null)));
        Caller auditor = new AuditorLookalike().caller();
        TrustChainException e = assertThrows(TrustChainException.class, () -> access.check("revokeCertificate", true, auditor, null));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertTrue(e.detail().contains("admin, issuer, officer"), e.detail());
        access.check("searchCertificates", true, auditor, null);
    }

    @Test
    void theOpenReads_needNoCredential_andIgnoreARefusedOne() {
        SoapFaults.WsProblem refusal = new SoapFaults.WsProblem(Problem.of("unauthorized", "Authentication required", 401, "unknown token"), 0);
        access.check("getCrl", true, null, null);
        access.check("getCaCertificates", true, null, refusal);
        SoapAccess.Refused r = assertThrows(SoapAccess.Refused.class, () -> access.check("getCertificate", true, null, refusal));
        assertEquals(refusal, r.problem());
    }

    @Test
    void plainHttp_andUnknownOperations_andUndeclaredMethods_areRefused() {
        assertEquals(ErrorKind.FORBIDDEN, refused(() -> access.check("getCrl", false, null, null)));
        assertEquals(ErrorKind.MALFORMED_REQUEST, refused(() -> access.check("deleteEverything", true, null, null)));
        SoapAccess undeclared = SoapAccess.of(Undeclared.class);
        Caller admin = new AuditorLookalike().admin();
        assertEquals(ErrorKind.FORBIDDEN, refused(() -> undeclared.check("forgotten", true, admin, null)));
        undeclared.check("declared", true, admin, null);
        assertFalse(EndpointRoles.declared(Undeclared.class, method(Undeclared.class, "forgotten")).open());
    }

    private static ErrorKind refused(Runnable call) {
        return assertThrows(TrustChainException.class, call::run).kind();
    }

    private static Set<Caller.Role> roles(String operation) {
        Method m = method(CertificateAuthorityEndpoint.class, operation);
        return EndpointRoles.declared(CertificateAuthorityEndpoint.class, m).roles();
    }

    private static Method method(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    /** Callers as the authenticator would return them (the web tier's own code never makes one; tests may). */
    private static final class AuditorLookalike {
        Caller caller() {
            return new Caller("audit", Caller.Role.AUDITOR);
        }

        Caller admin() {
            return new Caller("admin", Caller.Role.ADMIN);
        }
    }

    public static class Undeclared {
        @WebMethod
        public String forgotten() {
            return "";
        }

        @WebMethod
        @RolesAllowed("admin")
        public String declared() {
            return "";
        }

        @WebMethod
        @PermitAll
        public String open() {
            return "";
        }
    }
}
