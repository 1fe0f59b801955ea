package online.hypermesh.trustchain.core.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides what a failure means for the caller. Containers wrap what beans
 * throw (EJBException, PersistenceException, RollbackException, the datasource's
 * ResourceException), so the whole cause chain is searched: a {@link TrustChainException} in it
 * wins; otherwise a lost or unobtainable database connection is a
 * {@link DependencyUnavailableException}; anything else is not classified (a bug: 500).
 */
public final class ErrorClassifier {
    public static final String DATABASE = "database";

    /**
     * SQLStates that mean "the server is gone or refuses sessions", not "this statement is wrong":
     * class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now) and 53300
     * (too many connections). A missing database (3D000) is deliberately not here: it is a configuration error.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /**
     * Class names (matched by name: core does not depend on the container) of the exceptions WildFly's
     * datasource throws when it cannot hand out a connection, e.g. IJ000453 "Unable to get managed
     * connection" after the acquisition timeout, and Hibernate's wrapper for a lost connection.
     */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "jakarta.resource.ResourceException",
            "jakarta.resource.spi.ResourceAllocationException",
            "jakarta.resource.spi.RetryableUnavailableException",
            "org.hibernate.exception.JDBCConnectionException",
            "java.net.ConnectException");

    private ErrorClassifier() {
    }

    /** The TrustChainException {@code e} amounts to, or empty if it is unexpected (a bug). */
    public static Optional<TrustChainException> classify(Throwable e) {
        TrustChainException known = find(e);
        if (known instanceof DependencyUnavailableException) {
            return Optional.of(known);
        }
        Optional<DependencyUnavailableException> outage = databaseOutage(e);
        if (outage.isPresent() && (known == null || known.kind() == ErrorKind.INTERNAL || known.kind() == ErrorKind.UNAVAILABLE)) {
            // A bean that wrapped an outage as "internal" (or as a generic "unavailable", such as the CT
            // log's) did not know better; the outage is the truth, with its Retry-After and quiet log.
            return Optional.of(outage.get());
        }
        return Optional.ofNullable(known);
    }

    /** The first TrustChainException in the cause chain; unlike a plain walk, safe on a cyclic chain. */
    private static TrustChainException find(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof TrustChainException tce) {
                return tce;
            }
        }
        return null;
    }

    /**
     * Whether {@code e} (or anything it wraps) says the database cannot be reached. Causes,
     * suppressed exceptions (the transaction manager attaches a failed commit's SQL error to its
     * RollbackException that way) and a batch's next exceptions are all searched.
     */
    public static Optional<DependencyUnavailableException> databaseOutage(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t instanceof DependencyUnavailableException d) {
                return Optional.of(d);
            }
            String reason = reason(t);
            if (reason != null) {
                return Optional.of(new DependencyUnavailableException(DATABASE, reason, e));
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.add(suppressed);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return Optional.empty();
    }

    private static String reason(Throwable t) {
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)))) {
                return "SQLState " + state + ": " + firstLine(t.getMessage());
            }
            return null;
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (CONNECTION_FAILURES.contains(c.getName())) {
                return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
