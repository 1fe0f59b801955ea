package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Validation of the whole configuration: types, ranges, both spellings, every problem in one message. */
class SettingsTest {
    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"));
    private final Properties props = new Properties();

    private Configuration read() {
        return Configuration.read(new Settings(props, env));
    }

    private String failure() {
        return assertThrows(TrustChainException.class, this::read).getMessage();
    }

    @Test
    void everyDeclaredDefault_isAValidValue_andTheDefaultsStartANode() {
        Configuration c = read();
        assertEquals(Duration.ofHours(24), c.ca().crlValidity());
        assertEquals(6962, c.ct().port());
        assertEquals("https://localhost:6962/", c.ct().url());
        assertEquals("localhost:6962", c.ct().origin());
        assertEquals("software", c.cryptoToken().type());
        assertTrue(c.tls().keystorePassword().isEmpty());
        for (Setting<?> s : Configuration.declared()) {
            if (s.defaultValue() != null && !s.defaultText().equals("none")) {
                assertEquals(s.defaultValue(), s.parse(s.defaultText()), s.name() + ": the documented default parses to the default");
            }
        }
    }

    @Test
    void everySetting_isDeclaredOnce_withADescription() {
        Set<String> names = new HashSet<>();
        for (Setting<?> s : Configuration.declared()) {
            assertTrue(names.add(s.name()), s.name() + " is declared twice");
            assertFalse(s.description().isBlank(), s.name());
            assertFalse(s.type().isBlank(), s.name());
            assertEquals(s.name().toUpperCase().replace('.', '_'), s.environmentName());
        }
        assertTrue(names.size() >= 40, "all sections are listed: " + names.size());
    }

    @Test
    void rangesAndTypes_areChecked_withWhatIsAllowed() {
        env.put("TRUSTCHAIN_CRL_VALIDITY_HOURS", "0");
        assertEquals("configuration setting trustchain.crl.validity.hours (environment TRUSTCHAIN_CRL_VALIDITY_HOURS)"
                + " must be between 1 and 168, was 0", failure());
        env.put("TRUSTCHAIN_CRL_VALIDITY_HOURS", "169");
        assertTrue(failure().contains("must be between 1 and 168, was 169"));
        env.put("TRUSTCHAIN_CRL_VALIDITY_HOURS", "1d");
        assertTrue(failure().contains("must be a whole number, was '1d'"));
        env.remove("TRUSTCHAIN_CRL_VALIDITY_HOURS");
        env.put("TRUSTCHAIN_CT_URL", "http://ct.example/");
        assertTrue(failure().contains("trustchain.ct.url (environment TRUSTCHAIN_CT_URL) must be an https:// URL"));
        env.remove("TRUSTCHAIN_CT_URL");
        env.put("TRUSTCHAIN_CRYPTO_TOKEN", "tpm");
        assertTrue(failure().contains("trustchain.crypto.token (environment TRUSTCHAIN_CRYPTO_TOKEN) is 'tpm'; supported: software, pkcs11"));
        env.put("TRUSTCHAIN_CRYPTO_TOKEN", "software");
        env.put("TRUSTCHAIN_PKCS11_SESSIONS", "0");
        assertTrue(failure().contains("trustchain.pkcs11.sessions (environment TRUSTCHAIN_PKCS11_SESSIONS) must be between 1 and 256, was 0"));
        env.remove("TRUSTCHAIN_PKCS11_SESSIONS");
    }

    @Test
    void theBoundsThemselves_areAllowed_andValuesAreTrimmed() {
        env.put("TRUSTCHAIN_CRL_VALIDITY_HOURS", " 168 ");
        env.put("TRUSTCHAIN_RENEWAL_GRACE_MINUTES", "0");
        env.put("TRUSTCHAIN_CT_FLUSH_MS", "1");
        Configuration c = read();
        assertEquals(Duration.ofHours(168), c.ca().crlValidity());
        assertEquals(Duration.ZERO, c.ca().renewalGrace());
        assertEquals(Duration.ofMillis(1), c.ct().flushPeriod());
    }

    @Test
    void everyBadSetting_isReportedAtOnce() {
        env.remove("TRUSTCHAIN_DATA_DIR");
        env.put("TRUSTCHAIN_CRL_VALIDITY_HOURS", "0");
        env.put("TRUSTCHAIN_CT_PORT", "http");
        env.put("TRUSTCHAIN_DNS_ZONE", "bad_zone");
        props.setProperty("trustchain.doq.retry", "yes");
        env.put("TRUSTCHAIN_REGION", "mars-1");
        String message = failure();
        assertTrue(message.startsWith("6 configuration settings are invalid:"), message);
        for (String name : List.of("trustchain.data.dir (environment TRUSTCHAIN_DATA_DIR) is not set",
                "trustchain.crl.validity.hours (environment TRUSTCHAIN_CRL_VALIDITY_HOURS)",
                "trustchain.ct.port (environment TRUSTCHAIN_CT_PORT) must be a whole number",
                "trustchain.dns.zone (environment TRUSTCHAIN_DNS_ZONE)",
                "trustchain.doq.retry (environment TRUSTCHAIN_DOQ_RETRY) must be true or false",
                "trustchain.region (environment TRUSTCHAIN_REGION) is 'mars-1'")) {
            assertTrue(message.contains(name), name + " in " + message);
        }
    }

    @Test
    void secrets_areNeverRepeated() {
        env.put("TRUSTCHAIN_OPERATOR_SECRET", "short-secret");
        String message = failure();
        assertTrue(message.contains("trustchain.operator.secret (environment TRUSTCHAIN_OPERATOR_SECRET)"), message);
        assertTrue(message.contains("at least 16 characters"), message);
        assertFalse(message.contains("short-secret"), message);
        env.put("TRUSTCHAIN_OPERATOR_SECRET", "long-enough-secret-value");
        env.put("TRUSTCHAIN_TLS_KEYSTORE_PASSWORD", "changeit");
        Configuration c = read();
        assertFalse(c.cryptoToken().toString().contains("long-enough"), c.cryptoToken().toString());
        assertFalse(c.tls().toString().contains("changeit"), c.tls().toString());
    }

    @Test
    void database_isTheDatasourcesPostgres_andItsPasswordStaysHidden() {
        assertEquals("jdbc:postgresql://localhost:5432/trustchain", read().database().url());
        env.put("TRUSTCHAIN_DB_URL", "jdbc:mysql://db/trustchain");
        assertTrue(failure().contains("trustchain.db.url (environment TRUSTCHAIN_DB_URL) must be a PostgreSQL JDBC URL"));
        env.put("TRUSTCHAIN_DB_URL", "jdbc:postgresql://[2001:db8::5]:5432/ca");
        env.put("TRUSTCHAIN_DB_PASSWORD", "s3cret-pw");
        Configuration c = read();
        assertEquals("jdbc:postgresql://[2001:db8::5]:5432/ca", c.database().url());
        assertEquals("s3cret-pw", c.database().password());
        assertFalse(c.database().toString().contains("s3cret-pw"), c.database().toString());
    }

    @Test
    void portOffset_shiftsCtAndDerivedDefaults() {
        props.setProperty("jboss.socket.binding.port-offset", "300");
        Configuration c = read();
        assertEquals(7262, c.ct().port());
        assertEquals("https://localhost:7262/", c.ct().nodeUrl());
        assertEquals("http://localhost:8380", c.ca().publicHttpUrl());
        assertEquals(10290, c.ca().managementPort());
    }

    /** The implementation WildFly runs: system property over environment, and the TRUSTCHAIN_X_Y spelling. */
    @Test
    void microProfileConfig_findsBothSpellings_systemPropertyFirst() {
        Map<String, String> environment = Map.of("TRUSTCHAIN_DATA_DIR", "/srv/tc", "TRUSTCHAIN_CRL_VALIDITY_HOURS", "48",
                "TRUSTCHAIN_REGION", "eu-west-1", "TRUSTCHAIN_OPERATOR_SECRET", "pa$${not.set}word-0123456789", "TRUSTCHAIN_CT_DESCRIPTION", "");
        Map<String, String> systemProperties = Map.of("trustchain.region", "ap-southeast-1");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300), new PropertiesConfigSource(systemProperties, "system", 400)).build();
        Configuration c = Configuration.read(new Settings(SettingsSource.of(config)));
        assertEquals("/srv/tc", c.ca().dataDir().toString());
        assertEquals(Duration.ofHours(48), c.ca().crlValidity());
        assertEquals("ap-southeast-1", c.ca().region());
        assertEquals("pa$${not.set}word-0123456789", c.cryptoToken().operatorSecret().orElseThrow(), "taken as given, never expanded");
        assertEquals("TrustChain CT log", c.ct().description(), "an empty value is not set");
    }
}
