package online.hypermesh.trustchain.ca.infrastructure.persistence;

import static online.hypermesh.trustchain.ca.infrastructure.persistence.JdbcStatements.all;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.RootLinks;

/** root_link with its certificate rows, on the transaction's connection. */
@ApplicationScoped
public class JdbcRootLinks implements RootLinks {
    /** The profile of certificates one root issues for another root's key, as for cross certificates. */
    static final String PROFILE = "cross";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Override
    public void add(RootLink link, Instant now) {
        JdbcStatements.run(dataSource, "store a root link", """
                with serial as (
                    insert into serial_reservation (serial_number, issuer_id, state, reserved_at, settled_at) values (?, ?, 'issued', ?, ?)
                ), cert as (
                    insert into certificate (serial_number, issuer_id, profile, subject, names, not_before, not_after, status, der, issued_at)
                    values (?, ?, ?, ?, '{}', ?, ?, 'valid', ?, ?)
                )
                insert into root_link (serial_number, issuer_id, subject_id, created_at) values (?, ?, ?, ?)
                """, s -> {
            int i = 0;
            s.setString(++i, link.serialHex());
            s.setString(++i, link.issuerId());
            s.setTimestamp(++i, Timestamp.from(now));
            s.setTimestamp(++i, Timestamp.from(now));
            s.setString(++i, link.serialHex());
            s.setString(++i, link.issuerId());
            s.setString(++i, PROFILE);
            s.setString(++i, link.subject());
            s.setTimestamp(++i, Timestamp.from(link.notBefore()));
            s.setTimestamp(++i, Timestamp.from(link.notAfter()));
            s.setBytes(++i, link.der());
            s.setTimestamp(++i, Timestamp.from(now));
            s.setString(++i, link.serialHex());
            s.setString(++i, link.issuerId());
            s.setString(++i, link.subjectId());
            s.setTimestamp(++i, Timestamp.from(now));
            return s.executeUpdate();
        });
    }

    @Override
    public List<RootLink> certifying(String subjectId, Instant now) {
        return JdbcStatements.run(dataSource, "read the links to a root", "select l.serial_number, l.issuer_id, l.subject_id, c.der,"
                + " c.not_before, c.not_after, c.subject from root_link l join certificate c on c.serial_number = l.serial_number"
                + " where l.subject_id = ? and c.status = 'valid' and c.not_before <= ? and c.not_after > ? order by l.created_at desc", s -> {
            s.setString(1, subjectId);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            return all(s, r -> new RootLink(r.getString(1), r.getString(2), r.getString(3), r.getBytes(4), r.getTimestamp(5).toInstant(),
                    r.getTimestamp(6).toInstant(), r.getString(7)));
        });
    }
}
