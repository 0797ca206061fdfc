package uk.contactpoint;

import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import uk.contactpoint.access.internal.TotpSecretCipher;

/**
 * Refuses to start the {@code prod} profile without a real database, or without its own keys for TOTP
 * secrets and for sealed fields (the development keys are public). An embedded default that silently
 * reaches production is a known failure of other products: here it stops the process with one line that
 * says what to set.
 */
public class ProductionGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        problem(environment).ifPresent(reason -> {
            System.err.println(reason);
            System.exit(1);
        });
    }

    /** Why this environment must not start, if it must not. */
    static Optional<String> problem(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return Optional.empty();
        }
        String url = environment.getProperty("spring.datasource.url", "").trim();
        if (url.isEmpty()) {
            return Optional.of("ContactPoint will not start: the prod profile needs a PostgreSQL database; "
                    + "set SPRING_DATASOURCE_URL (for example jdbc:postgresql://db:5432/contactpoint), "
                    + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.");
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return Optional.of("ContactPoint will not start: the prod profile refuses an embedded H2 database; "
                    + "set SPRING_DATASOURCE_URL to a PostgreSQL URL (jdbc:postgresql://...).");
        }
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            return Optional.of("ContactPoint will not start: the prod profile runs only on PostgreSQL; "
                    + "SPRING_DATASOURCE_URL must start with jdbc:postgresql:");
        }
        String totpKeys = environment.getProperty("contactpoint.security.totp-keys", "").trim();
        if (totpKeys.isEmpty() || totpKeys.contains(TotpSecretCipher.DEV_KEYS)) {
            return Optional.of("ContactPoint will not start: the prod profile needs its own key for TOTP secrets; "
                    + "set CONTACTPOINT_TOTP_KEYS to id:base64 of 32 random bytes (for example k1:$(openssl rand -base64 32)).");
        }
        String fieldKeys = environment.getProperty("contactpoint.safeguards.field-keys", "").trim();
        if (fieldKeys.isEmpty() || fieldKeys.contains(uk.contactpoint.safeguards.internal.FieldKeys.DEV_KEYS)) {
            return Optional.of("ContactPoint will not start: the prod profile needs its own key for shielded and sensitive fields; "
                    + "set CONTACTPOINT_FIELD_KEYS to id:base64 of 32 random bytes (for example f1:$(openssl rand -base64 32)).");
        }
        String auditKey = environment.getProperty("contactpoint.audit.signing-key", "").trim();
        if (auditKey.isEmpty() || auditKey.equals(uk.contactpoint.audit.internal.CheckpointSigner.DEV_SIGNING_KEY)
                || environment.getProperty("contactpoint.audit.verify-keys", "").isBlank()) {
            return Optional.of("ContactPoint will not start: the prod profile needs its own key for signing audit checkpoints; "
                    + "set CONTACTPOINT_AUDIT_SIGNING_KEY (id:base64 PKCS#8 Ed25519) and CONTACTPOINT_AUDIT_VERIFY_KEYS (id:base64 X.509).");
        }
        String personalKeys = environment.getProperty("contactpoint.audit.personal-keys", "").trim();
        if (personalKeys.isEmpty() || personalKeys.contains(uk.contactpoint.audit.internal.PersonalValueCipher.DEV_KEYS)) {
            return Optional.of("ContactPoint will not start: the prod profile needs its own key for the personal values in audit events; "
                    + "set CONTACTPOINT_AUDIT_PERSONAL_KEYS to id:base64 of 32 random bytes (for example a1:$(openssl rand -base64 32)).");
        }
        String oauthKey = environment.getProperty("contactpoint.oauth.signing-key", "").trim();
        if (oauthKey.isEmpty() || oauthKey.equals(uk.contactpoint.access.internal.OAuthSigningKey.DEV_SIGNING_KEY)) {
            return Optional.of("ContactPoint will not start: the prod profile needs its own key for signing API access tokens; "
                    + "set CONTACTPOINT_OAUTH_SIGNING_KEY to id:base64 of an RSA private key in PKCS#8 "
                    + "(for example o1:$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0)).");
        }
        return Optional.empty();
    }
}
