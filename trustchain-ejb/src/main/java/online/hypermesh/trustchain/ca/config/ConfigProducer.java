package online.hypermesh.trustchain.ca.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * Makes the validated configuration injectable, one section per area. Built once, from
 * MicroProfile Config (system properties, then environment variables), on the first injection
 * during deployment, so a bad setting fails the deployment rather than the first request, and
 * reports every bad setting at once.
 */
@ApplicationScoped
public class ConfigProducer {
    @Inject
    Config microProfileConfig;

    private volatile Configuration configuration;

    Configuration configuration() {
        Configuration c = configuration;
        if (c == null) {
            synchronized (this) {
                if (configuration == null) {
                    configuration = Configuration.read(new Settings(SettingsSource.of(microProfileConfig)));
                }
                c = configuration;
            }
        }
        return c;
    }

    @Produces
    TrustChainConfig ca() {
        return configuration().ca();
    }

    @Produces
    CrlSettings crl() {
        return configuration().crl();
    }

    @Produces
    LifecycleSettings lifecycle() {
        return configuration().lifecycle();
    }

    @Produces
    CtSettings ct() {
        return configuration().ct();
    }

    @Produces
    DnsSettings dns() {
        return configuration().dns();
    }

    @Produces
    TlsSettings tls() {
        return configuration().tls();
    }

    @Produces
    DatabaseSettings database() {
        return configuration().database();
    }

    @Produces
    CryptoTokenSettings cryptoToken() {
        return configuration().cryptoToken();
    }

    @Produces
    AccountSettings accounts() {
        return configuration().accounts();
    }

    @Produces
    AcmeSettings acme() {
        return configuration().acme();
    }

    @Produces
    LdapSettings ldap() {
        return configuration().ldap();
    }

    @Produces
    CmpSettings cmp() {
        return configuration().cmp();
    }

    @Produces
    OcspSettings ocsp() {
        return configuration().ocsp();
    }

    @Produces
    SiemSettings siem() {
        return configuration().siem();
    }

    @Produces
    ScepSettings scep() {
        return configuration().scep();
    }

    @Produces
    S3Settings s3() {
        return configuration().s3();
    }

    @Produces
    DelegationSettings delegation() {
        return configuration().delegation();
    }

    @Produces
    ApprovalSettings approvals() {
        return configuration().approvals();
    }
}
