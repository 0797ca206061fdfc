package uk.contactpoint.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * Serves GOV.UK Frontend from its webjar: its stylesheet expects fonts and images under /assets/, and
 * the pages load its script and stylesheet from /govuk/, so no page names the webjar's version.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final String govukRoot;

    WebConfiguration() {
        String version = new WebJarVersionLocator().version("govuk-frontend");
        if (version == null) {
            throw new IllegalStateException("The govuk-frontend webjar is missing from the classpath");
        }
        this.govukRoot = "classpath:/META-INF/resources/webjars/govuk-frontend/" + version + "/dist/govuk/";
    }

    /** Before the session filter, so a session row that cannot be read or written is answered 503 too. */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<UnavailableFilter> unavailableFilter() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new UnavailableFilter());
        registration.setOrder(UnavailableFilter.ORDER);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        return registration;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**").addResourceLocations(govukRoot + "assets/");
        registry.addResourceHandler("/govuk/**").addResourceLocations(govukRoot);
    }
}
