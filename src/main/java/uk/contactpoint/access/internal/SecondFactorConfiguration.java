package uk.contactpoint.access.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys that encrypt TOTP secrets at rest ({@code contactpoint.security.totp-keys}, see
 * {@link TotpSecretCipher}). Development has a default key; ProductionGuard refuses to start {@code prod}
 * without a key of its own.
 */
@Configuration(proxyBeanMethods = false)
class SecondFactorConfiguration {

    @Bean
    TotpSecretCipher totpSecretCipher(@Value("${contactpoint.security.totp-keys:}") String keys) {
        return new TotpSecretCipher(keys);
    }
}
