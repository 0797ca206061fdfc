package uk.contactpoint.access.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Timed jobs (vetting reminders); switched off for command-line jobs and tests that drive them by hand. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "contactpoint.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
