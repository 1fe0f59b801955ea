package online.hypermesh.trustchain.ca.metrics;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Interceptor on the issuing bean: the time each {@code issue} call takes and why a refused one
 * was refused (the error kind's slug, a closed set). It sits inside the bean's transaction, so
 * the rare failure of the commit itself is not seen here; the issued counter comes from the
 * committed event instead ({@link CertificateMeters}).
 */
public class IssuanceMetering {
    @Inject
    CertificateMeters meters;

    @AroundInvoke
    Object measure(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (parameters == null || parameters.length != 1 || !(parameters[0] instanceof IssuanceCommand command)) {
            return invocation.proceed();
        }
        long start = System.nanoTime();
        try {
            Object result = invocation.proceed();
            meters.issuanceTook(command.profile(), "issued", System.nanoTime() - start);
            return result;
        } catch (Exception | Error e) {
            meters.issuanceTook(command.profile(), "refused", System.nanoTime() - start);
            TrustChainException known = TrustChainException.find(e);
            meters.refused(known == null ? "internal" : known.kind().slug());
            throw e;
        }
    }
}
