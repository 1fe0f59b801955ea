package online.hypermesh.trustchain.ca.bootstrap;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.SystemIdentities;
import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.ca.config.TlsSettings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.infrastructure.tls.ElytronKeyStoreReloader;
import online.hypermesh.trustchain.ca.infrastructure.tls.HttpsKeyStoreFile;
import online.hypermesh.trustchain.core.x509.BouncyCastle;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * Keeps the HTTPS listener's certificate issued by this CA and fresh. At start-up, and every
 * hour, it renews when the stored certificate is missing, has less than a third of its life left,
 * or was not issued by a current authority; it then asks WildFly to reload the key store.
 *
 * <p>The listener's key is an ordinary leaf key (P-256), generated here and written to the key
 * store file that WildFly reads; it is not a CA key and never enters the crypto token. The
 * certificate goes through the normal issuance path (validation, lint, audit) like any other.
 */
@Singleton
@Startup
@DependsOn({"CaBootstrap", "CtLogBean"})
public class TlsListenerCertificate {
    private static final Logger LOG = Logger.getLogger(TlsListenerCertificate.class.getName());
    private static final int LIFETIME_HOURS = (int) CertificateProfile.MAX_VALIDITY.toHours();
    private static final int RELOAD_ATTEMPTS = 60;

    @EJB
    IssuanceService issuance;

    @EJB
    AuthorityRegistry registry;

    @Inject
    TrustChainConfig config;

    @Inject
    TlsSettings tls;

    @Resource
    TimerService timers;

    private HttpsKeyStoreFile keyStore;
    private int reloadAttempt;

    @PostConstruct
    void init() {
        String password = tls.keystorePassword()
                .orElseThrow(() -> Settings.invalid(TlsSettings.KEYSTORE_PASSWORD, "is not set; the HTTPS listener's key store needs it"));
        keyStore = new HttpsKeyStoreFile(config.dataDir().resolve("tls").resolve("https.p12"), password.toCharArray());
        if (renewIfDue()) {
            // Not now: management operations wait for the server to finish booting, and the
            // server is waiting for this deployment. A timer runs the reload once boot is done.
            timers.createSingleActionTimer(500, new TimerConfig("reload-https-key-store", false));
        }
    }

    @Schedule(hour = "*", minute = "7", persistent = false, info = "renew-https-certificate")
    void hourly() {
        if (renewIfDue()) {
            reloadAttempt = 0;
            timers.createSingleActionTimer(0, new TimerConfig("reload-https-key-store", false));
        }
    }

    @Timeout
    void reload(Timer timer) {
        try {
            new ElytronKeyStoreReloader(tls.managementHost(), tls.managementPort()).reload();
            LOG.info(() -> "the HTTPS listener now serves the certificate in " + keyStore.path());
        } catch (Exception e) {
            if (++reloadAttempt < RELOAD_ATTEMPTS) {
                LOG.log(Level.FINE, "key store reload failed, retrying", e);
                timers.createSingleActionTimer(1000, new TimerConfig("reload-https-key-store", false));
            } else {
                LOG.log(Level.SEVERE, "could not make the HTTPS listener reload " + keyStore.path()
                        + "; run /subsystem=elytron/key-store=" + ElytronKeyStoreReloader.KEY_STORE + ":load and /subsystem=elytron/key-manager="
                        + ElytronKeyStoreReloader.KEY_MANAGER + ":init with jboss-cli", e);
            }
        }
    }

    /** Issues and stores a new listener certificate if the current one is missing or due; true if it did. */
    boolean renewIfDue() {
        var current = keyStore.currentCertificate();
        if (current.isPresent() && !due(current.get())) {
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            IssuedCertificate issued = issuance.issue(new IssuanceCommand(csr(pair), "server", LIFETIME_HOURS, config.region(),
                    SystemIdentities.TLS_LISTENER));
            List<Certificate> chain = new ArrayList<>();
            chain.add(parse(issued.certificatePem()));
            for (String pem : issued.chainPem()) {
                chain.add(parse(pem));
            }
            keyStore.write(pair.getPrivate(), chain.toArray(new Certificate[0]));
            LOG.info(() -> "issued HTTPS listener certificate " + issued.serialNumber() + " for " + tls.names() + ", valid until " + issued.notAfter());
            return true;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot provision the HTTPS listener certificate in " + keyStore.path() + ": " + e.getMessage(), e);
        }
    }

    private boolean due(X509Certificate cert) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        Instant renewAt = notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));
        boolean fromCurrentIssuer = registry.activeIssuer(config.region())
                .map(e -> e.authority().certificate().getSubject().toString())
                .map(subject -> new X500Name(cert.getIssuerX500Principal().getName()).equals(new X500Name(subject)))
                .orElse(false);
        return Instant.now().isAfter(renewAt) || !fromCurrentIssuer;
    }

    private byte[] csr(KeyPair pair) throws Exception {
        List<GeneralName> names = new ArrayList<>();
        for (String name : tls.names()) {
            boolean ip = name.indexOf(':') >= 0 || name.matches("[0-9.]+");
            names.add(ip ? new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(name).getAddress()))
                    : new GeneralName(GeneralName.dNSName, name));
        }
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        String cn = tls.names().stream().filter(n -> n.indexOf(':') < 0 && !n.matches("[0-9.]+")).findFirst().orElse("localhost");
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), pair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.PROVIDER).build(pair.getPrivate()))
                .getEncoded();
    }

    private static X509Certificate parse(String pem) throws Exception {
        byte[] der = Pem.decode(pem, "CERTIFICATE");
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

}
