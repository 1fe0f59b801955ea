package online.hypermesh.trustchain.ca.application;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityIssuance;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

@Stateless
public class AuthorityQueryBean implements AuthorityQueries {
    @Inject
    IssuanceSwitchRepository switches;

    @EJB
    AuthorityRegistry registry;

    @Inject
    TrustChainConfig config;

    @Override
    public List<AuthorityView> authorities() {
        return registry.all().stream().map(e -> {
            var cert = e.authority().certificate();
            Optional<AuthorityIssuance> stop = switches.authority(e.record().id()).filter(a -> a.stoppedAt() != null);
            return new AuthorityView(e.record().id(), e.record().parentId(), cert.getSubject().toString(), e.record().region(),
                    e.record().keyType().displayName(), SerialNumbers.toHex(cert.getSerialNumber()),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), e.record().status().dbValue(),
                    stop.map(AuthorityIssuance::stoppedAt).orElse(null),
                    stop.map(a -> a.stoppedBy() + (a.reason() == null ? "" : ": " + a.reason())).orElse(null));
        }).toList();
    }

    @Override
    public String rootPem() {
        return Pem.certificate(registry.activeRoot().orElseThrow(AuthorityQueryBean::notBootstrapped).record().certificate());
    }

    @Override
    public String issuingCaPem() {
        return Pem.certificate(registry.activeIssuer(config.region()).orElseThrow(AuthorityQueryBean::notBootstrapped).record().certificate());
    }

    @Override
    public byte[] certificateDer(String authorityId) {
        return registry.byId(authorityId).orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + authorityId + "'"))
                .record().certificate();
    }

    private static TrustChainException notBootstrapped() {
        return new TrustChainException(ErrorKind.UNAVAILABLE, "the CA hierarchy is not bootstrapped yet");
    }
}
