package online.hypermesh.trustchain.ct.log;

import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;

/**
 * The answer to a submission: its SCT (whose leaf_index extension names {@code leafIndex}), and
 * whether the entry was already logged (then the SCT is the one first returned for it).
 */
public record AddedEntry(SignedCertificateTimestamp sct, long leafIndex, boolean duplicate) {
}
