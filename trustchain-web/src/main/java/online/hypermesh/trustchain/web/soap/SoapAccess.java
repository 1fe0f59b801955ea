package online.hypermesh.trustchain.web.soap;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import jakarta.jws.WebMethod;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.security.EndpointRoles;

/**
 * Who may call which operation of an endpoint: each public method's own {@code @PermitAll},
 * {@code @RolesAllowed} or {@code @DenyAll}, read by {@link EndpointRoles} exactly as for REST, so
 * an operation that declares none is refused on every call (closed by default), and so is a name
 * the endpoint has no method for.
 */
final class SoapAccess {
    private final Map<String, EndpointRoles.Declared> operations;

    private SoapAccess(Map<String, EndpointRoles.Declared> operations) {
        this.operations = Map.copyOf(operations);
    }

    /** The operations of {@code endpoint}: its public methods, by their {@code @WebMethod} operation name or else method name. */
    static SoapAccess of(Class<?> endpoint) {
        Map<String, EndpointRoles.Declared> operations = new HashMap<>();
        for (Method m : endpoint.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                operations.put(operationName(m), EndpointRoles.declared(endpoint, m));
            }
        }
        return new SoapAccess(operations);
    }

    static String operationName(Method m) {
        WebMethod webMethod = m.getAnnotation(WebMethod.class);
        return webMethod != null && !webMethod.operationName().isEmpty() ? webMethod.operationName() : m.getName();
    }

    /**
     * Admits the call of {@code operation} over HTTPS ({@code secure}) by {@code caller} (null: no
     * credential), or throws what REST would answer. {@code refusal} is why the credential sent was
     * refused, if it was; the open operations, like REST's public reads, never look at it.
     */
    void check(String operation, boolean secure, Caller caller, SoapFaults.WsProblem refusal) {
        if (!secure) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "the SOAP API is served over HTTPS only; use https://<host>:8443" + Ws.PATH);
        }
        EndpointRoles.Declared declared = operations.get(operation);
        if (declared == null) {
            throw TrustChainException.malformed("the service has no operation '" + operation + "'; its WSDL is at " + Ws.PATH + "?wsdl");
        }
        if (!declared.open() && refusal != null) {
            throw new Refused(refusal);
        }
        declared.check(caller);
    }

    /** The credential's own refusal (unknown token, allowlist, rate limit), passed on as it was decided. */
    static final class Refused extends RuntimeException {
        private final transient SoapFaults.WsProblem problem;

        Refused(SoapFaults.WsProblem problem) {
            super(problem.problem().detail(), null, false, false);
            this.problem = problem;
        }

        SoapFaults.WsProblem problem() {
            return problem;
        }
    }
}
