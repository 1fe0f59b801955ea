package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.domain.IssuanceIntent;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * Issuance of one approved request, in the order that keeps every promise through a crash (the
 * order Let's Encrypt's Boulder follows): nothing the CA signs becomes public before the CA has
 * recorded it.
 * <ol>
 * <li>Sign the precertificate (RFC 6962 3.1; the signer lints it first). Only in memory: a crash
 *     here leaves nothing anywhere.</li>
 * <li>Record the intent in a committed transaction: the serial's reservation, the request, and
 *     the precertificate as a certificate row with status valid. From this commit on the serial
 *     is revocable, listed on CRLs when revoked, and OCSP answers good or revoked for it.</li>
 * <li>Log the precertificate to CT and wait for its SCT (returned only once its entry is in a
 *     committed, signed tree head). No transaction is open meanwhile.</li>
 * <li>Sign the final certificate with the SCT embedded (linted first). Only in memory.</li>
 * <li>Store the final certificate in a committed transaction, with its audit event and the
 *     {@code CertificateIssued} event; only now does the caller get it.</li>
 * </ol>
 * A failure after step 2 ends the issuance as {@code incomplete} in a transaction of its own
 * (the row stays, revocable); a crash after step 2 leaves the reservation open, and
 * {@link IssuanceRecovery} settles it the same way. The guard runs first in both transactions,
 * so the emergency switch stops issuances in flight and a renewal's predecessor is re-checked.
 *
 * <p>Plain Java, so that the crash-point tests can run every step against fault-injecting
 * ports; {@link IssuanceBean} wires it to the container's transactions.
 */
final class IssuanceSteps {
    private static final Logger LOG = Logger.getLogger(IssuanceSteps.class.getName());

    /** One committed transaction per call: commit when the work returns, roll back when it throws. */
    interface Transactions {
        <T> T inTransaction(String what, TransactionWork<T> work);
    }

    interface TransactionWork<T> {
        T run();
    }

    /** The signer's two issuance operations (each lints, then signs). */
    interface Signing {
        X509CertificateHolder precertificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile, BigInteger serial,
                                             Validity validity);

        X509CertificateHolder certificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile, BigInteger serial,
                                          Validity validity, byte[] tlsEncodedSctList);
    }

    /** What runs inside the two transactions besides the journal: checks first, then effects. */
    interface Guard {
        /** First in the intent transaction and in the final one: throws to stop the issuance (switch off, predecessor revoked). */
        void check(Approved request);

        /** In the final transaction, after the certificate is stored: the audit event and the issued event. */
        void issued(Approved request, X509CertificateHolder certificate, byte[] der);

        /** In the transaction that settles an issuance as incomplete: its audit event. */
        void incomplete(String serialHex, String issuerId, String actor, String reason);

        /** In a transaction of its own, when the token could not sign the precertificate (an HSM unreachable): the refusal's audit event. */
        void unavailable(Approved request, String reason);
    }

    /**
     * A request that passed registration: who asked, for what, from which issuer, with the
     * serial drawn for it.
     *
     * @param replacesSerialHex the certificate a renewal replaces, or null
     * @param withinIssuance    the edge's own write in both issuance transactions, given the serial (a SCEP challenge
     *                          marked used); it throws to stop the issuance. Never null.
     */
    record Approved(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile, Validity validity, BigInteger serial,
                    IssuanceRequestRecord request, String replacesSerialHex, java.util.function.Consumer<String> withinIssuance) {
        Approved(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile, Validity validity, BigInteger serial,
                 IssuanceRequestRecord request, String replacesSerialHex) {
            this(issuer, csr, profile, validity, serial, request, replacesSerialHex, s -> { });
        }

        String serialHex() {
            return SerialNumbers.toHex(serial);
        }

        String actor() {
            return request.requestedBy();
        }
    }

    /** The outcome handed back to the caller: the stored certificate. */
    record Issued(String serialHex, X509CertificateHolder certificate, byte[] der) {
    }

    private final IssuanceJournal journal;
    private final PrecertificateLog log;
    private final Signing signer;
    private final Transactions transactions;
    private final Guard guard;
    private final Clock clock;

    IssuanceSteps(IssuanceJournal journal, PrecertificateLog log, Signing signer, Transactions transactions, Guard guard, Clock clock) {
        this.journal = journal;
        this.log = log;
        this.signer = signer;
        this.transactions = transactions;
        this.guard = guard;
        this.clock = clock;
    }

    Issued issue(Approved r) {
        // 1. The precertificate, in memory only.
        X509CertificateHolder precertificate;
        try {
            precertificate = signer.precertificate(r.issuer(), r.csr(), r.profile(), r.serial(), r.validity());
        } catch (TrustChainException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE) {
                // Nothing was written: the refusal's audit event is all that is stored.
                refusedUnavailable(r, e.getMessage());
            }
            throw e;
        }
        byte[] precertificateDer = der(precertificate);

        // 2. Intent, committed before anything is public.
        transactions.inTransaction("the issuance intent of " + r.serialHex(), () -> {
            guard.check(r);
            journal.recordIntent(new IssuanceIntent(r.request(), r.serialHex(), r.issuer().id(), r.profile().apiName(),
                    precertificate.getSubject().toString(), r.csr().names().asText(), r.validity().notBefore(), r.validity().notAfter(),
                    precertificateDer, r.replacesSerialHex()));
            return null;
        });

        // 3. and 4. Logged, then the final certificate; any failure ends the issuance as incomplete.
        X509CertificateHolder certificate;
        boolean logged = false;
        try {
            PrecertificateLog.Logged entry = log.log(precertificateDer, der(r.issuer().certificate()));
            logged = true;
            certificate = signer.certificate(r.issuer(), r.csr(), r.profile(), r.serial(), r.validity(), entry.tlsEncodedSctList());
        } catch (RuntimeException e) {
            TrustChainException cause = TrustChainException.find(e);
            settle(r, cause == null ? String.valueOf(e) : cause.getMessage());
            if (cause != null && cause.kind() == ErrorKind.UNAVAILABLE) {
                String what = logged ? "the crypto token could not sign it after its precertificate was logged"
                        : "the CT log could not log its precertificate";
                throw new TrustChainException(ErrorKind.UNAVAILABLE, "the certificate was not issued because " + what
                        + " (" + cause.getMessage() + "); retry shortly, a new request gets a new serial", e);
            }
            throw TrustChainException.internal("issuance of serial " + r.serialHex() + " failed after its precertificate was recorded", e);
        }
        byte[] der = der(certificate);

        // 5. The final certificate, committed with its audit event.
        try {
            transactions.inTransaction("the certificate " + r.serialHex(), () -> {
                guard.check(r);
                IssuanceJournal.Completion completion = journal.recordFinal(r.serialHex(), der, clock.instant());
                switch (completion) {
                    case STORED -> guard.issued(r, certificate, der);
                    case SETTLED_MEANWHILE -> throw new TrustChainException(ErrorKind.UNAVAILABLE, "issuance of serial " + r.serialHex()
                            + " took too long and was ended as incomplete; retry, a new request gets a new serial");
                    case REVOKED_MEANWHILE -> throw new TrustChainException(ErrorKind.CONFLICT, "serial " + r.serialHex()
                            + " was revoked while its certificate was being issued; the certificate is not handed out");
                }
                return null;
            });
        } catch (RuntimeException e) {
            TrustChainException cause = TrustChainException.find(e);
            settle(r, cause == null ? String.valueOf(e) : cause.getMessage());
            throw e;
        }
        return new Issued(r.serialHex(), certificate, der);
    }

    /** Records the refusal; if even that fails (the database is down too), the 503 still goes out. */
    private void refusedUnavailable(Approved r, String reason) {
        try {
            transactions.inTransaction("the refusal of " + r.serialHex(), () -> {
                guard.unavailable(r, reason);
                return null;
            });
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot audit the refused issuance of " + r.serialHex() + " (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Ends an issuance that will not finish, in a transaction of its own. If even that fails (the
     * database is down), the reservation stays open and the recovery timer settles it later.
     */
    private void settle(Approved r, String reason) {
        try {
            transactions.inTransaction("ending the issuance of " + r.serialHex(), () -> {
                if (journal.settleIncomplete(r.serialHex(), clock.instant())) {
                    guard.incomplete(r.serialHex(), r.issuer().id(), r.actor(), reason);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!OutageLog.absorbs(e)) {
                LOG.log(Level.WARNING, "cannot record the issuance of " + r.serialHex() + " as incomplete now (" + e.getMessage()
                        + "); the recovery timer will");
            }
        }
    }

    static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode certificate", e);
        }
    }
}
