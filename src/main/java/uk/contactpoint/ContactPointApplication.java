package uk.contactpoint;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import uk.contactpoint.cli.CommandLine;

/**
 * ContactPoint: the service when started with no command, or a command-line job when the first argument
 * names one ({@code java -jar contactpoint.jar --help} lists them).
 */
@SpringBootApplication
public class ContactPointApplication {

    /** Dates in the directory are English dates. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args, ContactPointApplication.class));
        }
        SpringApplication.run(ContactPointApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
