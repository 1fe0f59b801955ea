package online.hypermesh.trustchain.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    /** Stands in for the container's wrappers (EJBException, PersistenceException): plain RuntimeExceptions. */
    private static RuntimeException wrapped(Throwable t) {
        return new RuntimeException("EJB invocation failed", new IllegalStateException("persistence", t));
    }

    @Test
    void connectionRefused_class08_deepInWrappers_isUnavailable() {
        var e = ErrorClassifier.classify(wrapped(new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        var outage = assertInstanceOf(DependencyUnavailableException.class, e.orElseThrow());
        assertEquals(ErrorKind.UNAVAILABLE, outage.kind());
        assertEquals("database", outage.dependency());
        assertTrue(outage.reason().contains("08001"), outage.reason());
        assertTrue(outage.detail().contains("retry"), outage.detail());
    }

    @Test
    void terminatedBackend_andShutdown_areUnavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "08006", "08003"}) {
            assertTrue(ErrorClassifier.databaseOutage(wrapped(new SQLException("x", state))).isPresent(), state);
        }
    }

    @Test
    void jdbcConnectionExceptionTypes_withoutState_areUnavailable() {
        assertTrue(ErrorClassifier.databaseOutage(new SQLTransientConnectionException("pool timeout")).isPresent());
    }

    @Test
    void datasourceAcquisitionFailure_isRecognisedByItsClassName() {
        // WildFly's WrapperDataSource: SQLException without SQLState, caused by a ResourceException (IJ000453).
        Throwable acquisition = new SQLException("IJ031013: unable to get a connection",
                new jakarta.resource.ResourceException("IJ000453: Unable to get managed connection for java:jboss/datasources/TrustChainDS"));
        var outage = ErrorClassifier.databaseOutage(wrapped(acquisition)).orElseThrow();
        assertTrue(outage.reason().startsWith("ResourceException: IJ000453"), outage.reason());
    }

    @Test
    void nextException_ofABatch_isSearched() {
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("I/O error", "08006"));
        assertTrue(ErrorClassifier.databaseOutage(batch).isPresent());
    }

    @Test
    void aFailedCommit_whoseSqlErrorIsSuppressed_isUnavailable() {
        // Narayana: RollbackException "ARJUNA016053: Could not commit transaction", the resource's
        // failure attached as a suppressed exception, not as the cause.
        IllegalStateException rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new RuntimeException("ResourceException: SQLException",
                new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
        TrustChainException internal = TrustChainException.internal("the certificate 77 did not commit", rollback);
        assertInstanceOf(DependencyUnavailableException.class, ErrorClassifier.classify(wrapped(internal)).orElseThrow());
    }

    @Test
    void ordinarySqlErrors_andBugs_areNotOutages() {
        assertTrue(ErrorClassifier.databaseOutage(wrapped(new SQLException("duplicate key", "23505"))).isEmpty());
        assertTrue(ErrorClassifier.databaseOutage(wrapped(new SQLException("no such database", "3D000"))).isEmpty());
        assertTrue(ErrorClassifier.classify(new NullPointerException()).isEmpty());
    }

    @Test
    void aTrustChainException_inTheChain_wins_unlessItOnlySaysInternal() {
        TrustChainException conflict = new TrustChainException(ErrorKind.CONFLICT, "already revoked",
                new SQLException("x", "08006"));
        assertSame(conflict, ErrorClassifier.classify(wrapped(conflict)).orElseThrow());

        TrustChainException internal = TrustChainException.internal("store failed", new SQLException("x", "57P01"));
        assertInstanceOf(DependencyUnavailableException.class, ErrorClassifier.classify(wrapped(internal)).orElseThrow());

        TrustChainException ctDown = new TrustChainException(ErrorKind.UNAVAILABLE, "the CT log did not answer",
                new IllegalStateException("commit failed", new SQLException("I/O error", "08006")));
        assertInstanceOf(DependencyUnavailableException.class, ErrorClassifier.classify(ctDown).orElseThrow());
        TrustChainException switchedOff = new TrustChainException(ErrorKind.UNAVAILABLE, "issuance is switched off");
        assertSame(switchedOff, ErrorClassifier.classify(switchedOff).orElseThrow());
    }

    @Test
    void aCyclicCauseChain_terminates() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertTrue(ErrorClassifier.classify(a).isEmpty());
    }
}
