package online.hypermesh.trustchain.ca.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every section of a node's configuration, read and validated together at deployment start-up:
 * a bad value stops the deployment with one message that lists every bad setting, each named in
 * both spellings (system property and environment variable) with what it allows.
 *
 * <p>To add a setting: declare it as a {@code public static final Setting} of its section, read
 * it in the section's {@code read}, and add its row to README.md's settings reference. A new
 * section is read here and listed in {@link #SECTIONS}.
 */
public record Configuration(TrustChainConfig ca, CrlSettings crl, LifecycleSettings lifecycle, TlsSettings tls, CtSettings ct,
                            DnsSettings dns, CryptoTokenSettings cryptoToken, DatabaseSettings database, AccountSettings accounts,
                            AcmeSettings acme, LdapSettings ldap, CmpSettings cmp,
                            SiemSettings siem, ScepSettings scep, S3Settings s3, DelegationSettings delegation,
                            OcspSettings ocsp, ApprovalSettings approvals) {

    /** The classes whose {@code public static final Setting} fields declare the server's settings. */
    static final List<Class<?>> SECTIONS = List.of(TrustChainConfig.class, CrlSettings.class, LifecycleSettings.class, TlsSettings.class,
            CtSettings.class, DnsSettings.class, CryptoTokenSettings.class, DatabaseSettings.class, AccountSettings.class,
            AcmeSettings.class, LdapSettings.class, CmpSettings.class, SiemSettings.class, ScepSettings.class,
            S3Settings.class, DelegationSettings.class, OcspSettings.class, ApprovalSettings.class);

    /** @throws online.hypermesh.trustchain.core.error.TrustChainException listing every invalid setting */
    public static Configuration read(Settings settings) {
        CrlSettings crl = CrlSettings.read(settings);
        LifecycleSettings lifecycle = LifecycleSettings.read(settings);
        TlsSettings tls = TlsSettings.read(settings);
        DnsSettings dns = DnsSettings.read(settings);
        Configuration configuration = new Configuration(new TrustChainConfig(settings, crl, lifecycle, tls), crl, lifecycle, tls,
                CtSettings.read(settings), dns, CryptoTokenSettings.read(settings), DatabaseSettings.read(settings),
                AccountSettings.read(settings, dns, tls), AcmeSettings.read(settings), LdapSettings.read(settings),
                CmpSettings.read(settings), SiemSettings.read(settings), ScepSettings.read(settings),
                S3Settings.read(settings), DelegationSettings.read(settings), OcspSettings.read(settings),
                ApprovalSettings.read(settings));
        settings.throwIfInvalid();
        return configuration;
    }

    /** Every declared setting, in declaration order: what the README reference must list. */
    public static List<Setting<?>> declared() {
        List<Setting<?>> all = new ArrayList<>();
        for (Class<?> section : SECTIONS) {
            for (Field field : section.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isPublic(m) && field.getType() == Setting.class) {
                    try {
                        all.add((Setting<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(all);
    }
}
