package online.hypermesh.trustchain.ca.application;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.cmp.client.CmpClient;
import online.hypermesh.trustchain.bridge.cmp.client.ExternalCaException;
import online.hypermesh.trustchain.ca.domain.DelegationJournal;
import online.hypermesh.trustchain.ca.domain.DelegationJournal.DelegatedCertificate;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.OutageLog;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.DelegatedCertificateCheck;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;

/**
 * Issuance of one approved request by the external CA, in the order that keeps every certificate
 * the external CA issued on TrustChain's record:
 * <ol>
 * <li>Record the intent (the request and the CMP transactionID) in a committed transaction.</li>
 * <li>Send the p10cr. No transaction is open meanwhile. A refusal or no answer: the intent is
 *     settled {@code refused} with an audit event, the caller gets the CA's reason.</li>
 * <li>Check the certificate ({@link DelegatedCertificateCheck}: the CSR's key, the requested
 *     names, signed by the configured CA). One that fails is rejected by certConf (the external
 *     CA revokes it, RFC 4210 5.3.18) and never stored.</li>
 * <li>Accept it by certConf and wait for pkiConf.</li>
 * <li>Store it like TrustChain's own, with its audit event and the {@code CertificateIssued}
 *     event (TLSA, metrics, the outbox sinks), in a committed transaction.</li>
 * </ol>
 * A failure after step 3 settles the intent {@code incomplete} (the CA may hold a confirmed
 * certificate TrustChain did not store: the audit event names the transaction to look it up by);
 * a crash after step 1 leaves it {@code requested}, and the recovery timer settles it so.
 *
 * <p>No CT: the certificate is the external CA's, signed without a precertificate in our log.
 * Plain Java like {@link IssuanceSteps}.
 */
final class DelegatedIssuance {
    private static final Logger LOG = Logger.getLogger(DelegatedIssuance.class.getName());

    /** @param withinIssuance the edge's own write in the storing transaction, given the serial; throws to stop */
    record Request(ValidatedCsr csr, CertificateProfile profile, IssuanceRequestRecord record, Consumer<String> withinIssuance) {
        String actor() {
            return record.requestedBy();
        }
    }

    record Issued(String serialHex, X509CertificateHolder certificate, byte[] der, List<X509CertificateHolder> chain) {
    }

    /** The checks and audit effects inside the transactions. */
    interface Effects {
        /** First in the intent transaction: throws to stop (issuance switched off). */
        void check();

        void issued(Request request, String transactionIdHex, DelegatedCertificate certificate);

        void settled(Request request, String transactionIdHex, DelegationJournal.Outcome outcome, String why);
    }

    private final DelegationJournal journal;
    private final CmpClient client;
    private final X509CertificateHolder caCertificate;
    private final IssuanceSteps.Transactions transactions;
    private final Effects effects;
    private final Clock clock;

    DelegatedIssuance(DelegationJournal journal, CmpClient client, IssuanceSteps.Transactions transactions, Effects effects, Clock clock) {
        this.journal = journal;
        this.client = client;
        this.caCertificate = client.endpoint().caCertificate();
        this.transactions = transactions;
        this.effects = effects;
        this.clock = clock;
    }

    Issued issue(Request r) {
        String name = client.endpoint().name();
        byte[] transactionId = CmpClient.newTransactionId();
        String tx = HexFormat.of().formatHex(transactionId);

        // 1. Intent, committed before the external CA is asked.
        long intent = transactions.inTransaction("the delegated request " + tx, () -> {
            effects.check();
            return journal.recordRequest(r.record(), name, tx);
        });

        // 2. Ask.
        CmpClient.Enrolled enrolled;
        try {
            enrolled = client.enroll(transactionId, r.csr().der());
        } catch (ExternalCaException e) {
            settle(r, intent, tx, DelegationJournal.Outcome.REFUSED, e.getMessage());
            throw ExternalCaDelegation.failure(r.profile().apiName(), e);
        }

        // 3. Check; a certificate that is not the one requested is rejected and never stored.
        X509CertificateHolder certificate = enrolled.certificate();
        List<String> problems = DelegatedCertificateCheck.problems(r.csr(), certificate, caCertificate, clock.instant());
        if (!problems.isEmpty()) {
            String why = "external CA " + name + " issued serial " + certificate.getSerialNumber().toString(16)
                    + ", which is not the certificate requested: " + String.join("; ", problems);
            try {
                enrolled.transaction().reject(String.join("; ", problems));
            } catch (ExternalCaException e) {
                why += " (its rejection by certConf failed too: " + e.getMessage() + ")";
            }
            settle(r, intent, tx, DelegationJournal.Outcome.REFUSED, why);
            throw new TrustChainException(ErrorKind.EXTERNAL_CA_FAILED, why + "; it was rejected (certConf) and not stored, nothing was issued");
        }

        // 4. Confirm.
        try {
            enrolled.transaction().accept();
        } catch (ExternalCaException e) {
            settle(r, intent, tx, DelegationJournal.Outcome.INCOMPLETE, "the certConf of serial "
                    + certificate.getSerialNumber().toString(16) + " failed: " + e.getMessage());
            throw ExternalCaDelegation.failure(r.profile().apiName(), e);
        }

        // 5. Store, with the audit and issued events.
        byte[] der = IssuanceSteps.der(certificate);
        String serial = SerialNumbers.toHex(certificate.getSerialNumber());
        DelegatedCertificate stored = new DelegatedCertificate(serial, name, r.profile().apiName(), certificate.getSubject().toString(),
                r.csr().names().asText(), certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), der);
        try {
            transactions.inTransaction("the delegated certificate " + serial, () -> {
                r.withinIssuance().accept(serial);
                if (!journal.recordIssued(intent, stored, clock.instant())) {
                    throw new TrustChainException(ErrorKind.UNAVAILABLE, "the delegated issuance " + tx + " took too long and was ended"
                            + " as incomplete; retry, and ask external CA " + name + " to revoke serial " + serial);
                }
                effects.issued(r, tx, stored);
                return null;
            });
        } catch (RuntimeException e) {
            TrustChainException cause = TrustChainException.find(e);
            settle(r, intent, tx, DelegationJournal.Outcome.INCOMPLETE, "external CA " + name + " issued and confirmed serial " + serial
                    + " but TrustChain did not store it: " + (cause == null ? String.valueOf(e) : cause.getMessage()));
            throw e;
        }
        return new Issued(serial, certificate, der, enrolled.chain());
    }

    private void settle(Request r, long intent, String tx, DelegationJournal.Outcome outcome, String why) {
        try {
            transactions.inTransaction("ending the delegated request " + tx, () -> {
                if (journal.settle(intent, outcome, why, clock.instant())) {
                    effects.settled(r, tx, outcome, why);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot record the delegated request " + tx + " as " + outcome + " now (" + e.getMessage()
                        + "); the recovery timer will settle it as incomplete");
            }
        }
    }
}
