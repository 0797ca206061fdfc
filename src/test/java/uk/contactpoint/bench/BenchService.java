package uk.contactpoint.bench;

import java.time.LocalDate;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * What the HTTP benchmarks share: the service started in-process on a loaded PostgreSQL database (no demo data,
 * sign-in throttle lifted, every authority live, the daily view cap lifted), and practitioners signed in through
 * the real pages, one session each, as in use (clients sharing a session would queue on its row).
 */
final class BenchService {

    /** A signed-in practitioner: the session cookie and a CSRF token for it. */
    record Session(String cookie, String csrf) {
    }

    private BenchService() {
    }

    static ConfigurableApplicationContext start(SpringApplication app, String url, String... more) {
        String[] base = {"--server.port=0", "--logging.level.root=WARN", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--contactpoint.demo.enabled=false",
                "--contactpoint.search.backfill=false", "--contactpoint.login.attempts-per-address-per-minute=1000000",
                "--server.tomcat.threads.max=64", "--spring.datasource.hikari.maximum-pool-size=20"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        ConfigurableApplicationContext context = app.run(args);
        LocalAuthorities authorities = context.getBean(LocalAuthorities.class);
        for (LocalAuthority la : authorities.all()) {
            authorities.update(la.code(), "0300 000 0000", LiveState.PRACTITIONERS_LIVE);
        }
        // The benches open thousands of records as a few practitioners: lift the daily cap on records of children
        // they do not work with (ADR 25), which would otherwise refuse all but the first 20 a day.
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("UPDATE local_authority SET daily_view_cap = 1000000000").update();
        return context;
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
    }

    /** {@code n} practitioners of one new team, each signed in with a session of their own. */
    static Session[] practitioners(ConfigurableApplicationContext context, int n) throws Exception {
        Directory directory = context.getBean(Directory.class);
        long org = directory.addOrganisation(new NewOrganisation(OrganisationKind.SERVICE, "BENCH" + System.nanoTime(),
                "Bench team", Sector.SOCIAL_CARE, null, null, null, null, new LocalAuthorityCode("E08000035"), true));
        String base = base(context);
        Session[] sessions = new Session[n];
        for (int t = 0; t < n; t++) {
            String username = "bench." + System.nanoTime();
            String password = "benchmark passphrase of some length";
            String secret = Totp.newSecret();
            LocalDate vetted = LocalDate.now().minusMonths(1);
            context.getBean(UserAccounts.class).create(new NewUser(username, password, "Bench", null, null, org, "E08000035",
                    Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, "24681357", secret));
            String cookie = SearchBench.signIn(base, username, password, secret);
            sessions[t] = new Session(cookie, SearchBench.csrf(SearchBench.get(base + "/search", cookie).body()));
        }
        return sessions;
    }
}
