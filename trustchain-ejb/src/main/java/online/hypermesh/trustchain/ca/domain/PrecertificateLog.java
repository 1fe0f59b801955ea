package online.hypermesh.trustchain.ca.domain;

import java.util.List;

import online.hypermesh.trustchain.ct.log.AddedEntry;

/**
 * The CT log as issuance uses it: it logs the CA's own precertificates. Outside ca.api, so the web
 * tier cannot reach it (it has the log's public submission API, CtLogService, instead).
 *
 * <p>Durability: the log returns an SCT only once its entry is committed in a signed tree head,
 * so an SCT embedded in a certificate survives a crash of the log. A call that fails with
 * UNAVAILABLE (timeout) may still have its entry logged later: the precertificate's serial is
 * spent either way. Thread-safe.
 */
public interface PrecertificateLog {

    /**
     * Logs the issuing CA's own precertificate, DER, followed by its issuer: checked like
     * add-pre-chain except that the precertificate's signature, made by this deployment's signer
     * a moment earlier, is not verified again. Blocks until the entry is in a committed tree head.
     */
    AddedEntry logOwnPrecertificate(List<byte[]> chain);
}
