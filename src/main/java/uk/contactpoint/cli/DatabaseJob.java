package uk.contactpoint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application without its web server, with the same datasource configuration as the service
 * (properties, profiles, environment), runs one job in it, and closes it. Demo data is never seeded by a job.
 */
final class DatabaseJob {

    private DatabaseJob() {
    }

    static int run(List<String> springArgs, Function<ConfigurableApplicationContext, Integer> job) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--contactpoint.demo.enabled=false");
        // A job does its one thing: no timed jobs (sealing, reminders) run in the background of it.
        args.add("--contactpoint.scheduling.enabled=false");
        args.add("--logging.level.root=WARN");
        args.add("--logging.level.uk.contactpoint=INFO");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandLine.application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new))) {
            return job.apply(context);
        }
    }
}
