package online.hypermesh.trustchain.ca.application;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import online.hypermesh.trustchain.bridge.trust.AnchorBundle;

import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository.BoundAccount;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.policy.RequestedName;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * Whether a TLS client certificate is a credential, decided from this CA's own records rather
 * than from the handshake alone: the TLS layer has proved the chain to one of our authorities and
 * possession of the key, but it knows nothing of revocation or of accounts. A certificate is a
 * credential when it is one this CA issued (the stored DER is the presented DER), under a profile
 * with the clientAuth purpose, valid now and not revoked or on hold, and one of its URI SANs is
 * bound to exactly one enabled account since before the certificate was issued. Each refusal says
 * which of these failed: the client holds the certificate, so the reason tells it nothing new.
 */
final class ClientCertificateCheck {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int URI_SAN = 6;

    private ClientCertificateCheck() {
    }

    /** The serial in the API's form, the key of the certificate's record. */
    static String serialHex(X509Certificate certificate) {
        return SerialNumbers.toHex(certificate.getSerialNumber());
    }

    /** The certificate's URI SANs in the canonical form bindings are stored in; a SAN that is no valid identifier is skipped. */
    static List<String> identifiers(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans == null) {
                return out;
            }
            for (List<?> san : sans) {
                if (san.size() >= 2 && Integer.valueOf(URI_SAN).equals(san.get(0)) && san.get(1) instanceof String uri) {
                    try {
                        out.add(RequestedName.uri(uri).value());
                    } catch (TrustChainException e) {
                        // not an identifier a binding can hold; the others may still be
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw refused("its subjectAltName cannot be parsed");
        }
        return out;
    }

    /** Throws UNAUTHORIZED unless the record shows a valid client certificate that is exactly this one. */
    static void requireIssuedAndValid(X509Certificate certificate, CertificateRecord record, Instant now) {
        try {
            if (record.der() == null || !Arrays.equals(record.der(), certificate.getEncoded())) {
                throw refused("serial " + record.serialHex() + " is not the certificate this CA issued under that serial");
            }
        } catch (CertificateEncodingException e) {
            throw refused("it cannot be encoded");
        }
        if (!hasClientAuth(certificate)) {
            throw refused("it lacks the clientAuth extended key usage; issue it under the 'client' profile");
        }
        if (record.status() != CertificateStatus.VALID) {
            throw refused("serial " + record.serialHex() + " is " + record.status().name().toLowerCase(Locale.ROOT));
        }
        if (now.isBefore(record.notBefore()) || !now.isBefore(record.notAfter())) {
            throw refused("serial " + record.serialHex() + " is valid only from " + record.notBefore() + " to " + record.notAfter());
        }
    }

    /**
     * The one account the certificate's bindings name. A certificate issued before its identifier
     * was bound does not count (whoever was issued it then was not the account bound now), and
     * one whose identifiers are bound to two accounts is ambiguous and counts for neither.
     */
    static BoundAccount requireOneAccount(List<BoundAccount> bound, CertificateRecord record, List<String> identifiers) {
        return requireOneAccount(bound, record.issuedAt(), identifiers);
    }

    /** The same for a certificate issued at {@code issuedAt} (an enterprise certificate: its notBefore). */
    static BoundAccount requireOneAccount(List<BoundAccount> bound, Instant issuedAt, List<String> identifiers) {
        if (bound.isEmpty()) {
            throw refused("none of its URI SANs " + identifiers + " is bound to an enabled account"
                    + " (POST /api/v1/accounts/<account>/client-identities binds one)");
        }
        List<String> accounts = bound.stream().map(BoundAccount::accountName).distinct().toList();
        if (accounts.size() > 1) {
            throw refused("its URI SANs are bound to more than one account " + accounts);
        }
        BoundAccount b = bound.get(0);
        if (issuedAt.isBefore(b.boundAt())) {
            throw refused("it was issued at " + issuedAt + ", before '" + b.identifier() + "' was bound to account '"
                    + b.accountName() + "' at " + b.boundAt() + "; issue a new one");
        }
        return b;
    }

    /** Whether the record holds exactly this certificate (same DER under that serial). */
    static boolean isExactly(CertificateRecord record, X509Certificate certificate) {
        try {
            return record.der() != null && Arrays.equals(record.der(), certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** The anchor's certificates from the certificate's issuer to the anchor's root, signatures verified; empty if it did not issue it. */
    static Optional<List<X509Certificate>> anchorPath(TrustAnchorRepository.StoredAnchor anchor, X509Certificate certificate) {
        try {
            List<X509Certificate> all = new ArrayList<>();
            for (byte[] der : anchor.certificates()) {
                all.add(AnchorBundle.parseOne(der));
            }
            return new AnchorBundle(all.get(0), all.subList(1, all.size())).pathToRoot(certificate);
        } catch (TrustChainException | IndexOutOfBoundsException e) {
            return Optional.empty(); // an anchor whose stored certificates do not parse vouches for no one
        }
    }

    /** Throws UNAUTHORIZED unless the enterprise certificate is for client authentication and valid now. */
    static void requireEnterpriseValid(X509Certificate certificate, TrustAnchorRepository.StoredAnchor anchor, Instant now) {
        if (!hasClientAuth(certificate)) {
            throw refused("it lacks the clientAuth extended key usage (trust anchor '" + anchor.name() + "' issued it)");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant()) || !now.isBefore(certificate.getNotAfter().toInstant())) {
            throw refused("it is valid only from " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
        }
        if (certificate.getBasicConstraints() >= 0) {
            throw refused("it is a CA certificate");
        }
    }

    /**
     * Throws UNAUTHORIZED if an enterprise certificate carries a URI that a URI scope of this
     * deployment's own names covers ({@code trustchain.accounts.default.scopes}, by default
     * {@code spiffe://<zone>/}): only this CA vouches for those.
     */
    static void requireOutsideOwnNamespace(List<String> identifiers, List<NameScope> ownScopes) {
        for (String identifier : identifiers) {
            RequestedName name = RequestedName.uri(identifier);
            for (NameScope scope : ownScopes) {
                if (scope instanceof NameScope.Uri && scope.covers(name)) {
                    throw refused("its URI SAN '" + identifier + "' is in this deployment's own namespace (" + scope.value()
                            + "), which only certificates of this CA may carry; another CA's certificate cannot assert it");
                }
            }
        }
    }

    static boolean hasClientAuth(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    static TrustChainException refused(String why) {
        return new TrustChainException(ErrorKind.UNAUTHORIZED, "the TLS client certificate is not a credential: " + why);
    }
}
