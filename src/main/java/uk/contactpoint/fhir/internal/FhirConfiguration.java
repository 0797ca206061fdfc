package uk.contactpoint.fhir.internal;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Registers the FHIR server as its own servlet at {@code /fhir/*}, beside Spring MVC's. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class FhirConfiguration {

    static final String PATH = "/fhir/*";

    /** One R4 context for the application: it is costly to build and safe to share. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    FhirServer fhirServer(FhirContext context, List<IResourceProvider> providers) {
        return new FhirServer(context, providers);
    }

    @Bean
    ServletRegistrationBean<FhirServer> fhirServlet(FhirServer server) {
        ServletRegistrationBean<FhirServer> registration = new ServletRegistrationBean<>(server, PATH);
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
