package uk.contactpoint.access.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by the service and by command-line jobs that create accounts. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id, 19 MiB, 2 iterations, 1 lane: OWASP's minimum recommendation.
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }
}
