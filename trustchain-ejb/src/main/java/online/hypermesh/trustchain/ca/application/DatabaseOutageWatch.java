package online.hypermesh.trustchain.ca.application;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Ends a logged database outage as soon as the database answers again, even if no request or
 * health probe comes by: the operator reads "available again after N s" within five seconds.
 * Does nothing (not even connect) while no outage is being reported.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseOutageWatch {
    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void probe() {
        OutageLog outages = OutageLog.shared();
        if (!outages.isDown(ErrorClassifier.DATABASE)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                outages.recovered(ErrorClassifier.DATABASE);
            }
        } catch (SQLException | RuntimeException e) {
            // still down; the next refused request or probe counts into the same outage
        }
    }
}
