package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.cmp.client.CmpClient;
import online.hypermesh.trustchain.bridge.cmp.client.ExternalCaEndpoint;
import online.hypermesh.trustchain.bridge.cmp.client.ExternalCaException;
import online.hypermesh.trustchain.ca.config.DelegationSettings;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * The external CA that issues the delegated profiles ({@code trustchain.delegation.*}): which
 * profiles it issues, its CMP client (the secret and CA certificate read from their files on
 * first use, so a bad file fails the first delegated request with the setting's name), and how
 * its failures read in TrustChain's terms.
 */
@ApplicationScoped
public class ExternalCaDelegation {
    @Inject
    DelegationSettings settings;

    private volatile CmpClient client;

    public boolean delegates(String profile) {
        return settings.delegates(profile);
    }

    public String name() {
        return settings.name();
    }

    public CmpClient client() {
        CmpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new CmpClient(new ExternalCaEndpoint(settings.name(), settings.url(), settings.reference(), secret(),
                            caCertificate(), settings.timeout()));
                }
                c = client;
            }
        }
        return c;
    }

    private byte[] secret() {
        try {
            return Files.readString(settings.secretFile(), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TrustChainException.internal("cannot read " + DelegationSettings.SECRET_FILE.name() + " " + settings.secretFile(), e);
        }
    }

    private X509CertificateHolder caCertificate() {
        try {
            List<byte[]> der = Pem.decodeCertificates(Files.readString(settings.caFile(), StandardCharsets.US_ASCII));
            if (der.size() != 1) {
                throw TrustChainException.internal(DelegationSettings.CA_FILE.name() + " " + settings.caFile() + " holds " + der.size()
                        + " certificates; it must hold exactly the external CA's", null);
            }
            return new X509CertificateHolder(der.get(0));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot read " + DelegationSettings.CA_FILE.name() + " " + settings.caFile(), e);
        }
    }

    /*
     * The ExternalCaException is not chained as the cause: its own cause (a ConnectException)
     * would make the edge report the database as unavailable.
     */

    /** A failed rr: nothing was recorded. */
    static TrustChainException revocationFailure(String serial, ExternalCaException e) {
        String context = "; certificate " + serial + " is the external CA's to revoke, and it is not recorded as revoked here";
        return switch (e.kind()) {
            case UNREACHABLE -> new TrustChainException(ErrorKind.UNAVAILABLE, e.getMessage() + context + "; retry later");
            case REFUSED -> new TrustChainException(ErrorKind.CONFLICT, e.getMessage() + context);
            case BAD_RESPONSE -> new TrustChainException(ErrorKind.EXTERNAL_CA_FAILED, e.getMessage() + context);
        };
    }

    /** The external CA's failure as the caller's protocol shows it: 503 unreachable, 400 refused, 502 a bad answer. */
    static TrustChainException failure(String profile, ExternalCaException e) {
        String context = "; certificates of profile " + profile + " are issued by the external CA, nothing was stored";
        return switch (e.kind()) {
            case UNREACHABLE -> new TrustChainException(ErrorKind.UNAVAILABLE, e.getMessage() + context + ", retry later");
            case REFUSED -> new TrustChainException(ErrorKind.POLICY_VIOLATION, e.getMessage() + context);
            case BAD_RESPONSE -> new TrustChainException(ErrorKind.EXTERNAL_CA_FAILED, e.getMessage() + context);
        };
    }
}
