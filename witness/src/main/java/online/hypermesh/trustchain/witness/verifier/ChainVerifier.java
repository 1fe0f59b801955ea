package online.hypermesh.trustchain.witness.verifier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.entry.TimestampedEntry;
import online.hypermesh.trustchain.ct.merkle.InvalidProofException;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.ct.sct.SctList;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.witness.CheckpointBody;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.Verifiers;
import online.hypermesh.trustchain.witness.client.CheckpointQuorum;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;

/**
 * A relying party's verification of a certificate chain, every check reported with its evidence:
 * {@code chain} (PKIX path to a configured root, RFC 5280 6.1), {@code validity} (every certificate
 * valid now), {@code ocsp} (the leaf's status from the OCSP responder in its AIA, response signature
 * verified, RFC 6960), {@code sct} (the embedded SCT of the configured log verifies over the
 * precertificate entry, RFC 6962 3.2), {@code inclusion} (that entry's leaf is in the log's current
 * checkpoint by an RFC 9162 2.1.3 inclusion proof) and {@code quorum} (the checkpoint is signed by
 * the log and cosigned by a witness quorum, {@link CheckpointQuorum}) and, when a mesh DNS server
 * is configured, {@code tlsa} ({@link TlsaCheck}: the DANE record of each name in the zone). A check that cannot be decided
 * because an earlier one failed or it is not configured is skipped, with the reason.
 */
public final class ChainVerifier {
    private final Set<TrustAnchor> roots;
    private final Optional<LogKey> log;
    private final Optional<URI> logUrl;
    private final List<WitnessEndpoint> witnesses;
    private final HttpClient http;
    private final Clock clock;
    private Optional<TlsaCheck> tlsa = Optional.empty();
    private Duration checkpointMaxAge = Duration.ZERO;
    private volatile KeptCheckpoint keptCheckpoint;
    private final OcspResponders responders = new OcspResponders();

    /**
     * @param log       the CT log's key and origin, empty to skip the log checks
     * @param logUrl    where the log serves /checkpoint and /ct/v1/get-proof-by-hash; empty to skip inclusion and quorum
     * @param witnesses the witnesses the relying party trusts; none skips the quorum check
     */
    public ChainVerifier(Set<TrustAnchor> roots, Optional<LogKey> log, Optional<URI> logUrl, List<WitnessEndpoint> witnesses,
            HttpClient http, Clock clock) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no roots are configured: a chain can only be checked against at least one");
        }
        this.roots = Set.copyOf(roots);
        this.log = log;
        this.logUrl = logUrl.map(u -> u.toString().endsWith("/") ? u : URI.create(u + "/"));
        this.witnesses = List.copyOf(witnesses);
        this.http = http;
        this.clock = clock;
    }

    /** Runs a verification's network reads side by side; daemon threads, so a command still exits. */
    private static final ExecutorService FETCHES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chain-verifier");
        t.setDaemon(true);
        return t;
    });

    /**
     * The same verifier, with the {@code tlsa} check for names in the mesh zone and the log's
     * checkpoint reused for up to {@code checkpointMaxAge} (zero: read for every verification). A
     * reused checkpoint that does not prove the entry or lacks the quorum is read again at once,
     * so reuse can delay nothing from passing, only save a request.
     */
    public ChainVerifier(Set<TrustAnchor> roots, Optional<LogKey> log, Optional<URI> logUrl, List<WitnessEndpoint> witnesses,
            Optional<TlsaCheck> tlsa, Duration checkpointMaxAge, HttpClient http, Clock clock) {
        this(roots, log, logUrl, witnesses, http, clock);
        this.tlsa = tlsa;
        this.checkpointMaxAge = checkpointMaxAge;
    }

    /** @param chain leaf first, then its issuers (the root may be included or left out) */
    public Report verify(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain has no certificate");
        }
        List<Check> checks = new ArrayList<>();
        List<X509Certificate> path = withoutRoots(chain);
        Check chainCheck = chain(path);
        checks.add(chainCheck);
        checks.add(validity(chain));
        boolean chained = chainCheck.outcome() == Check.Outcome.PASS;
        X509Certificate leaf = chain.get(0);
        Optional<X509Certificate> issuer = issuerOf(leaf, chain);
        // The network reads (OCSP, the log, DNS) start at once and run side by side: a verification
        // takes about its slowest source rather than their sum.
        CompletableFuture<Check> ocsp = chained ? CompletableFuture.supplyAsync(() -> ocsp(path, issuer), FETCHES)
                : CompletableFuture.completedFuture(Check.skip("ocsp", "the chain does not validate, so no responder is trusted"));
        CompletableFuture<Check> tlsaCheck = tlsa.isEmpty()
                ? CompletableFuture.completedFuture(Check.skip("tlsa", "no mesh DNS server and zone are configured"))
                : CompletableFuture.supplyAsync(() -> tlsa.get().check(withAnchor(path, issuer), chained), FETCHES);
        Optional<SignedCertificateTimestamp> sct = Optional.empty();
        Check sctCheck;
        if (log.isEmpty()) {
            sctCheck = Check.skip("sct", "no CT log key is configured");
        } else if (issuer.isEmpty()) {
            sctCheck = Check.skip("sct", "the leaf's issuer is not in the chain (its key is part of the signed entry)");
        } else {
            try {
                sct = findSct(leaf);
                sctCheck = sct.isEmpty() ? Check.fail("sct", "the certificate carries no SCT of log " + log.get().origin()
                        + " (LogID " + b64(logId()) + ")", "") : sctCheck(leaf, issuer.get(), sct.get());
            } catch (IllegalArgumentException e) {
                sctCheck = Check.fail("sct", "the embedded SCT list cannot be read: " + e.getMessage(), "");
            }
        }
        CompletableFuture<List<Check>> logChecks;
        if (logUrl.isEmpty() || log.isEmpty()) {
            logChecks = CompletableFuture.completedFuture(List.of(Check.skip("inclusion", "no CT log URL and key are configured"),
                    Check.skip("quorum", "there is no checkpoint to check")));
        } else if (sct.isEmpty()) {
            logChecks = CompletableFuture.completedFuture(List.of(Check.skip("inclusion", "there is no SCT of the log, so no entry to look for"),
                    Check.skip("quorum", "there is no checkpoint to check")));
        } else {
            SignedCertificateTimestamp s = sct.get();
            logChecks = CompletableFuture.supplyAsync(() -> logChecks(leaf, issuer.get(), s), FETCHES);
        }
        checks.add(ocsp.join());
        checks.add(sctCheck);
        checks.addAll(logChecks.join());
        checks.add(tlsaCheck.join());
        return new Report(checks);
    }

    /** inclusion and quorum, on a recent checkpoint if one is kept and suffices, else on a fresh one. */
    private List<Check> logChecks(X509Certificate leaf, X509Certificate issuer, SignedCertificateTimestamp sct) {
        Optional<String> kept = keptCheckpoint();
        if (kept.isPresent()) {
            List<Check> onKept = logChecks(leaf, issuer, sct, kept.get());
            if (onKept.stream().allMatch(c -> c.outcome() == Check.Outcome.PASS)) {
                return onKept;
            }
        }
        String note;
        try {
            note = get(logUrl.get().resolve("checkpoint"));
        } catch (IOException e) {
            return List.of(Check.fail("inclusion", "the log's checkpoint cannot be read: " + e.getMessage(), ""),
                    Check.skip("quorum", "there is no checkpoint to check"));
        }
        if (!checkpointMaxAge.isZero()) {
            keptCheckpoint = new KeptCheckpoint(note, clock.instant());
        }
        return logChecks(leaf, issuer, sct, note);
    }

    private List<Check> logChecks(X509Certificate leaf, X509Certificate issuer, SignedCertificateTimestamp sct, String note) {
        Check inclusion = inclusion(leaf, issuer, sct, note);
        Check quorum = witnesses.isEmpty() ? Check.skip("quorum", "no witnesses are configured") : quorum(note);
        return List.of(inclusion, quorum);
    }

    private Optional<String> keptCheckpoint() {
        KeptCheckpoint k = keptCheckpoint;
        return k != null && clock.instant().isBefore(k.read().plus(checkpointMaxAge)) ? Optional.of(k.note()) : Optional.empty();
    }

    private record KeptCheckpoint(String note, Instant read) {
    }

    /** The path with the root it chains to (DANE-TA records may name the root). */
    private List<X509Certificate> withAnchor(List<X509Certificate> path, Optional<X509Certificate> leafIssuer) {
        List<X509Certificate> out = new ArrayList<>(path);
        X509Certificate top = path.get(path.size() - 1);
        roots.stream().map(TrustAnchor::getTrustedCert).filter(java.util.Objects::nonNull)
                .filter(r -> r.getSubjectX500Principal().equals(top.getIssuerX500Principal()) && !out.contains(r)).forEach(out::add);
        return out;
    }

    private List<X509Certificate> withoutRoots(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (roots.stream().noneMatch(a -> a.getTrustedCert() != null && a.getTrustedCert().equals(c))) {
                path.add(c);
            }
        }
        return path.isEmpty() ? List.of(chain.get(0)) : path;
    }

    private Check chain(List<X509Certificate> path) {
        try {
            // Validity is its own check: the path is judged at an instant every certificate covers if one exists.
            PKIXParameters p = params();
            p.setRevocationEnabled(false);
            p.setDate(Date.from(pathDate(path)));
            CertPathValidator.getInstance("PKIX").validate(certPath(path), p);
            X509Certificate top = path.get(path.size() - 1);
            return Check.pass("chain", "chains to " + top.getIssuerX500Principal().getName(), subjects(path));
        } catch (CertPathValidatorException e) {
            return Check.fail("chain", "does not chain to a configured root: " + e.getMessage()
                    + (e.getIndex() >= 0 ? " (certificate " + e.getIndex() + ")" : ""), subjects(path));
        } catch (GeneralSecurityException e) {
            return Check.fail("chain", "cannot be validated: " + e.getMessage(), subjects(path));
        }
    }

    private Instant pathDate(List<X509Certificate> path) {
        Instant now = clock.instant();
        boolean allValid = path.stream().allMatch(c -> !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant()));
        return allValid ? now : path.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElse(now);
    }

    private Check validity(List<X509Certificate> chain) {
        Instant now = clock.instant();
        StringBuilder evidence = new StringBuilder();
        String problem = "";
        for (X509Certificate c : chain) {
            evidence.append(c.getSubjectX500Principal().getName()).append(": ").append(c.getNotBefore().toInstant())
                    .append(" .. ").append(c.getNotAfter().toInstant()).append('\n');
            if (problem.isEmpty() && now.isBefore(c.getNotBefore().toInstant())) {
                problem = c.getSubjectX500Principal().getName() + " is not valid before " + c.getNotBefore().toInstant();
            } else if (problem.isEmpty() && now.isAfter(c.getNotAfter().toInstant())) {
                problem = c.getSubjectX500Principal().getName() + " expired at " + c.getNotAfter().toInstant();
            }
        }
        String ev = evidence.toString().strip();
        return problem.isEmpty() ? Check.pass("validity", "every certificate is valid at " + now, ev) : Check.fail("validity", problem, ev);
    }

    private Check ocsp(List<X509Certificate> path, Optional<X509Certificate> issuer) {
        X509Certificate leaf = path.get(0);
        Optional<String> url = Aia.ocspUrl(leaf);
        if (url.isEmpty()) {
            return Check.skip("ocsp", "the leaf names no OCSP responder in its Authority Information Access");
        }
        try {
            CertPathValidator v = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker rc = (PKIXRevocationChecker) v.getRevocationChecker();
            // OCSP for the leaf only, and no silent fall back to CRLs or to "unknown is fine".
            rc.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
            // The response is fetched over this verifier's HTTP client (a kept-alive connection; the
            // JDK's own OCSP client opens one per request) and handed to the JDK's checker, which
            // verifies it exactly as one it fetched; without an answer the checker asks itself.
            Instant at = pathDate(path);
            if (issuer.isPresent()) {
                Optional<byte[]> der = fetchOcsp(url.get(), leaf, issuer.get());
                if (der.isPresent()) {
                    rc.setOcspResponses(Map.of(leaf, der.get()));
                    // A delegated responder already verified here is the checker's trusted responder,
                    // so it is not verified again for every response (see OcspResponders).
                    pathIssuer(path).flatMap(i -> responders.authorized(der.get(), i, at)).ifPresent(rc::setOcspResponderCert);
                }
            }
            PKIXParameters p = params();
            p.setRevocationEnabled(false);
            p.addCertPathChecker(rc);
            p.setDate(Date.from(at));
            try {
                v.validate(certPath(path), p);
            } catch (CertPathValidatorException e) {
                String response = responseOf(rc, leaf);
                String reason = e.getReason() == CertPathValidatorException.BasicReason.REVOKED ? "revoked: " : "no good status: ";
                return Check.fail("ocsp", reason + e.getMessage(), "responder " + url.get() + (response.isEmpty() ? "" : "\nresponse " + response));
            }
            return Check.pass("ocsp", "good (signed response from " + url.get() + " verified)", "response " + responseOf(rc, leaf));
        } catch (GeneralSecurityException e) {
            return Check.fail("ocsp", "cannot check: " + e.getMessage(), "responder " + url.get());
        }
    }

    /**
     * The leaf's issuer as the validated path has it (the certificate the JDK's checker takes as the
     * issuer too): the next certificate of the path, or the only root of the leaf's issuer name.
     */
    private Optional<X509Certificate> pathIssuer(List<X509Certificate> path) {
        if (path.size() > 1) {
            return Optional.of(path.get(1));
        }
        List<X509Certificate> named = roots.stream().map(TrustAnchor::getTrustedCert).filter(Objects::nonNull)
                .filter(r -> r.getSubjectX500Principal().equals(path.get(0).getIssuerX500Principal())).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static String responseOf(PKIXRevocationChecker rc, X509Certificate leaf) {
        Map<X509Certificate, byte[]> r = rc.getOcspResponses();
        byte[] der = r == null ? null : r.get(leaf);
        return der == null ? "" : b64(der);
    }

    private Optional<SignedCertificateTimestamp> findSct(X509Certificate leaf) {
        byte[] ext = leaf.getExtensionValue(SctList.EXTENSION_OID);
        if (ext == null) {
            return Optional.empty();
        }
        byte[] logId = logId();
        return SctList.decode(Der.octets(Der.octets(ext))).stream().filter(s -> Arrays.equals(s.logId(), logId)).findFirst();
    }

    private byte[] logId() {
        return log.get().logId();
    }

    private static SignedEntry precertEntry(X509Certificate leaf, X509Certificate issuer) throws GeneralSecurityException {
        byte[] issuerKeyHash = MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded());
        return SignedEntry.precert(issuerKeyHash, Der.tbsWithout(leaf.getTBSCertificate(), Der.SCT_LIST_OID));
    }

    private Check sctCheck(X509Certificate leaf, X509Certificate issuer, SignedCertificateTimestamp sct) {
        String evidence = "log " + log.get().origin() + " LogID " + b64(sct.logId()) + "\ntimestamp " + Instant.ofEpochMilli(sct.timestamp())
                + "\nsct " + b64(sct.encode());
        try {
            Signature s = Verifiers.signature("SHA256withECDSA");
            s.initVerify(log.get().verificationKey());
            s.update(SignatureInputs.certificateTimestamp(sct.timestamp(), precertEntry(leaf, issuer), sct.extensions()));
            if (!s.verify(sct.signature().signature())) {
                return Check.fail("sct", "the SCT's signature does not verify with the log's key", evidence);
            }
            return Check.pass("sct", "signed by " + log.get().origin() + " at " + Instant.ofEpochMilli(sct.timestamp()), evidence);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Check.fail("sct", "the SCT's signature cannot be checked: " + e.getMessage(), evidence);
        }
    }

    private Check inclusion(X509Certificate leaf, X509Certificate issuer, SignedCertificateTimestamp sct, String note) {
        try {
            CheckpointBody cp = CheckpointBody.parse(SignedNote.parse(note).text());
            byte[] leafHash = MerkleHashes.leafHash(MerkleTreeLeaf.encode(new TimestampedEntry(sct.timestamp(), precertEntry(leaf, issuer), sct.extensions())));
            if (cp.size() == 0) {
                return Check.fail("inclusion", "the log's checkpoint is of the empty tree", note);
            }
            String answer;
            try {
                answer = get(logUrl.get().resolve("ct/v1/get-proof-by-hash?hash=" + URLEncoder.encode(b64(leafHash), StandardCharsets.UTF_8)
                        + "&tree_size=" + cp.size()));
            } catch (IOException e) {
                return Check.fail("inclusion", "the log gives no inclusion proof for leaf hash " + b64(leafHash) + " in tree size " + cp.size()
                        + " (not yet incorporated, or never logged): " + e.getMessage(), note);
            }
            long index = JsonText.leafIndex(answer);
            List<byte[]> proof = JsonText.auditPath(answer);
            String evidence = note + "\nleaf hash " + b64(leafHash) + "\nleaf index " + index + "\naudit path "
                    + String.join(" ", proof.stream().map(ChainVerifier::b64).toList());
            try {
                ProofVerifier.verifyInclusion(index, cp.size(), leafHash, proof, cp.rootHash());
            } catch (InvalidProofException e) {
                return Check.fail("inclusion", "the inclusion proof does not lead to the checkpoint's root: " + e.getMessage(), evidence);
            }
            return Check.pass("inclusion", "leaf " + index + " of tree size " + cp.size() + " (root " + HexFormat.of().formatHex(cp.rootHash()) + ")", evidence);
        } catch (MalformedNoteException | IllegalArgumentException | GeneralSecurityException e) {
            return Check.fail("inclusion", "cannot check: " + e.getMessage(), note);
        }
    }

    private Check quorum(String note) {
        try {
            CheckpointQuorum.Result r = CheckpointQuorum.check(note, log.get(), witnesses);
            String detail = r.cosigners().size() + " of " + witnesses.size() + " witnesses cosigned (" + String.join(", ", r.cosigners())
                    + "), " + r.required() + " needed";
            return r.confirmed() ? Check.pass("quorum", detail, note) : Check.fail("quorum", r.problem(), note);
        } catch (MalformedNoteException e) {
            return Check.fail("quorum", "the checkpoint is not a signed note: " + e.getMessage(), note);
        }
    }

    private Optional<byte[]> fetchOcsp(String url, X509Certificate leaf, X509Certificate issuer) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(OcspRequests.of(leaf, issuer))).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String get(URI uri) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + r.body().strip());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private PKIXParameters params() throws GeneralSecurityException {
        return new PKIXParameters(roots);
    }

    private static CertPath certPath(List<X509Certificate> path) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    /** The leaf's issuer from the chain, or a configured root (a chain may leave the root out). */
    private Optional<X509Certificate> issuerOf(X509Certificate leaf, List<X509Certificate> chain) {
        return java.util.stream.Stream.concat(chain.stream().skip(1), roots.stream().map(TrustAnchor::getTrustedCert).filter(java.util.Objects::nonNull))
                .filter(c -> c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())).findFirst();
    }

    private static String subjects(List<X509Certificate> path) {
        return String.join("\n", path.stream().map(c -> c.getSubjectX500Principal().getName() + " (issuer " + c.getIssuerX500Principal().getName() + ")").toList());
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
