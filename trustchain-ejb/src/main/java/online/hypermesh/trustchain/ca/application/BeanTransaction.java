package online.hypermesh.trustchain.ca.application;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * One bean-managed transaction around a piece of work: commit when it returns, roll back when it
 * or the commit fails. Timers and bulk operations use it to commit in bounded steps (a batch, one
 * CRL) instead of holding one container transaction for the whole run.
 */
public final class BeanTransaction {
    /** Work to run inside the transaction. */
    public interface Work<T> {
        T run() throws Exception;
    }

    private BeanTransaction() {
    }

    /** Runs {@code work} in a new transaction on {@code transaction} and returns its result; rethrows any failure. */
    public static <T> T run(UserTransaction transaction, Work<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.run();
            transaction.commit();
            return result;
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }

    /**
     * As {@link #run}, for callers that answer clients: a TrustChainException passes through
     * unchanged, anything else becomes INTERNAL saying that {@code what} did not commit.
     */
    public static <T> T runOrInternal(UserTransaction transaction, String what, Work<T> work) {
        try {
            return run(transaction, work);
        } catch (TrustChainException e) {
            throw e;
        } catch (Exception e) {
            throw TrustChainException.internal(what + " did not commit", e);
        }
    }
}
