package uk.contactpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import uk.contactpoint.access.internal.TotpSecretCipher;

class ProductionGuardTest {

    @Test
    void shouldRefuseProdWithoutADatabaseUrl() {
        MockEnvironment env = new MockEnvironment().withProperty("contactpoint.security.totp-keys", KEYS);
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> {
            assertThat(reason).contains("SPRING_DATASOURCE_URL").doesNotContain("\n");
        });
    }

    @Test
    void shouldRefuseProdOnAnH2Url() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/x")
                .withProperty("contactpoint.security.totp-keys", KEYS);
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> assertThat(reason).contains("H2"));
    }

    private static final String KEYS = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void shouldRefuseProdWithoutATotpKey() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp");
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason ->
                assertThat(reason).contains("CONTACTPOINT_TOTP_KEYS").doesNotContain("\n"));
    }

    @Test
    void shouldRefuseProdWithTheDevelopmentTotpKey() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                .withProperty("contactpoint.security.totp-keys", TotpSecretCipher.DEV_KEYS);
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> assertThat(reason).contains("TOTP"));
    }

    private static final String FIELD_KEYS = "f1:HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=";

    @Test
    void shouldRefuseProdWithoutAFieldKeyOrWithTheDevelopmentOne() {
        for (String keys : new String[] {null, "", uk.contactpoint.safeguards.internal.FieldKeys.DEV_KEYS}) {
            MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                    .withProperty("contactpoint.security.totp-keys", KEYS);
            if (keys != null) {
                env.setProperty("contactpoint.safeguards.field-keys", keys);
            }
            env.setActiveProfiles("prod");

            assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason ->
                    assertThat(reason).contains("CONTACTPOINT_FIELD_KEYS").doesNotContain("\n"));
        }
    }

    @Test
    void shouldAcceptProdOnPostgresqlWithItsOwnKeys() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                .withProperty("contactpoint.security.totp-keys", KEYS)
                .withProperty("contactpoint.safeguards.field-keys", FIELD_KEYS)
                .withProperty("contactpoint.audit.signing-key", "k1:" + "A".repeat(64))
                .withProperty("contactpoint.audit.verify-keys", "k1:" + "B".repeat(60))
                .withProperty("contactpoint.audit.personal-keys", KEYS)
                .withProperty("contactpoint.oauth.signing-key", "o1:" + "C".repeat(64));
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).isEmpty();
    }

    @Test
    void shouldRefuseProdWithoutItsOwnKeyForSigningApiAccessTokens() {
        for (String key : new String[] {"", uk.contactpoint.access.internal.OAuthSigningKey.DEV_SIGNING_KEY}) {
            MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                    .withProperty("contactpoint.security.totp-keys", KEYS)
                    .withProperty("contactpoint.safeguards.field-keys", FIELD_KEYS)
                    .withProperty("contactpoint.audit.signing-key", "k1:" + "A".repeat(64))
                    .withProperty("contactpoint.audit.verify-keys", "k1:" + "B".repeat(60))
                    .withProperty("contactpoint.audit.personal-keys", KEYS)
                    .withProperty("contactpoint.oauth.signing-key", key);
            env.setActiveProfiles("prod");

            assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason ->
                    assertThat(reason).contains("CONTACTPOINT_OAUTH_SIGNING_KEY").doesNotContain("\n"));
        }
    }

    @Test
    void shouldRefuseProdWithTheDevelopmentKeyForPersonalValuesInTheAudit() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                .withProperty("contactpoint.security.totp-keys", KEYS)
                .withProperty("contactpoint.audit.signing-key", "k1:" + "A".repeat(64))
                .withProperty("contactpoint.audit.verify-keys", "k1:" + "B".repeat(60))
                .withProperty("contactpoint.safeguards.field-keys", FIELD_KEYS)
                .withProperty("contactpoint.audit.personal-keys", uk.contactpoint.audit.internal.PersonalValueCipher.DEV_KEYS);
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> assertThat(reason).contains("CONTACTPOINT_AUDIT_PERSONAL_KEYS"));
    }

    @Test
    void shouldRefuseProdWithoutItsOwnAuditSigningKey() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp")
                .withProperty("contactpoint.security.totp-keys", KEYS)
                .withProperty("contactpoint.safeguards.field-keys", FIELD_KEYS)
                .withProperty("contactpoint.audit.signing-key", uk.contactpoint.audit.internal.CheckpointSigner.DEV_SIGNING_KEY)
                .withProperty("contactpoint.audit.verify-keys", uk.contactpoint.audit.internal.CheckpointSigner.DEV_VERIFY_KEYS);
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> assertThat(reason).contains("CONTACTPOINT_AUDIT_SIGNING_KEY"));
    }

    @Test
    void shouldLeaveTheEmbeddedDefaultAloneOutsideProd() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/x");

        assertThat(ProductionGuard.problem(env)).isEmpty();
    }
}
