package uk.contactpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardTest {

    @Test
    void shouldRefuseProdWithoutADatabaseUrl() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> {
            assertThat(reason).contains("SPRING_DATASOURCE_URL").doesNotContain("\n");
        });
    }

    @Test
    void shouldRefuseProdOnAnH2Url() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/x");
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).hasValueSatisfying(reason -> assertThat(reason).contains("H2"));
    }

    @Test
    void shouldAcceptProdOnPostgresql() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/cp");
        env.setActiveProfiles("prod");

        assertThat(ProductionGuard.problem(env)).isEmpty();
    }

    @Test
    void shouldLeaveTheEmbeddedDefaultAloneOutsideProd() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/x");

        assertThat(ProductionGuard.problem(env)).isEmpty();
    }
}
