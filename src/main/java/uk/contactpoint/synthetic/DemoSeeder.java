package uk.contactpoint.synthetic;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.synthetic.DemoAccountsFile.Credential;
import uk.contactpoint.synthetic.DemoPopulation.DemoAccount;

/**
 * Seeds a demo directory on the first start of a non-production instance (when
 * {@code contactpoint.demo.enabled=true}): synthetic children in the demo authorities, their organisations,
 * and one demo account per role, whose passwords go to {@code demo-accounts.csv} in the data directory.
 *
 * <p>It runs as a {@link SmartInitializingSingleton}: after Flyway has migrated (a bean initialised
 * earlier) and before the web server takes requests (started when the context refreshes), so nobody sees
 * a half-seeded directory. Everything is stored in one transaction: a failure leaves the directory empty
 * and the next start tries again, rather than finding "demo data exists" and skipping a broken demo.
 *
 * <p>Logs carry counts and timings only: never names, dates, addresses, identifiers or passwords.
 */
@Component
@ConditionalOnProperty(name = "contactpoint.demo.enabled", havingValue = "true")
class DemoSeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    static final int BATCH_SIZE = 500;
    private static final int PASSWORD_LENGTH = 20;
    private static final String PASSWORD_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * The demo settings.
     *
     * @param children         contactpoint.demo.children
     * @param seed             contactpoint.demo.seed
     * @param localAuthorities contactpoint.demo.local-authorities (GSS codes)
     * @param dataDirectory    contactpoint.data-dir, where demo-accounts.csv is written
     */
    record Settings(int children, long seed, List<LocalAuthorityCode> localAuthorities, Path dataDirectory) {

        Settings {
            if (children < 0 || children > DemoPopulation.MAX_CHILDREN) {
                throw new IllegalArgumentException(
                        "contactpoint.demo.children must be between 0 and " + DemoPopulation.MAX_CHILDREN);
            }
            if (localAuthorities.isEmpty()) {
                throw new IllegalArgumentException("contactpoint.demo.local-authorities must name at least one GSS code");
            }
            localAuthorities = List.copyOf(localAuthorities);
            Objects.requireNonNull(dataDirectory, "contactpoint.data-dir");
        }
    }

    private final Directory directory;
    private final LocalAuthorities localAuthorities;
    private final UserAccounts userAccounts;
    private final TransactionOperations transactions;
    private final Settings settings;
    private final Clock clock;
    private final SecureRandom passwords = new SecureRandom();

    @Autowired
    DemoSeeder(Directory directory, LocalAuthorities localAuthorities, UserAccounts userAccounts,
               TransactionOperations transactions, Clock clock,
               @Value("${contactpoint.demo.children:3000}") int children,
               @Value("${contactpoint.demo.seed:2009}") long seed,
               @Value("${contactpoint.demo.local-authorities:E08000035,E09000007,E10000008}") String[] authorities,
               @Value("${contactpoint.data-dir:./data}") String dataDirectory) {
        this(directory, localAuthorities, userAccounts, transactions,
                new Settings(children, seed, Arrays.stream(authorities).map(String::strip).filter(s -> !s.isEmpty())
                        .map(LocalAuthorityCode::new).toList(), Path.of(dataDirectory)),
                clock);
    }

    DemoSeeder(Directory directory, LocalAuthorities localAuthorities, UserAccounts userAccounts,
               TransactionOperations transactions, Settings settings, Clock clock) {
        this.directory = directory;
        this.localAuthorities = localAuthorities;
        this.userAccounts = userAccounts;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    Settings settings() {
        return settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long existing = directory.count();
        if (existing > 0) {
            log.info("Demo data exists ({} children in the directory); not seeding", existing);
            return;
        }
        if (settings.children() == 0) {
            // Seeding organisations and accounts alone would leave the directory empty, and the next start
            // would try to add them again.
            log.info("contactpoint.demo.children is 0; not seeding");
            return;
        }
        seed();
    }

    void seed() {
        // Checked before generating: an unknown code is a configuration mistake and should say so at once.
        for (LocalAuthorityCode code : settings.localAuthorities()) {
            if (localAuthorities.find(code).isEmpty()) {
                throw new IllegalStateException("contactpoint.demo.local-authorities: " + code
                        + " is not in the register of children's services authorities");
            }
        }
        long started = System.nanoTime();
        DemoPopulation population = DemoPopulation.generate(ReferenceData.fromClasspath(),
                settings.localAuthorities(), settings.children(), settings.seed(), LocalDate.now(clock));
        long generated = System.nanoTime();

        // The file is written before the commit: if it cannot be, nothing is stored and the next start tries
        // again, rather than leaving demo accounts whose passwords nobody has.
        Path file = transactions.execute(status ->
                DemoAccountsFile.write(settings.dataDirectory(), store(population)));
        long stored = System.nanoTime();

        log.info("Demo data seeded: {} children in {} families, {} organisations and {} accounts in {} local "
                        + "authorities, in {} ms ({} ms generating, {} ms storing); demo accounts in {}",
                population.childCount(), population.families().size(), population.organisations().size(),
                population.accounts().size(), population.authorities().size(), millis(started, stored),
                millis(started, generated), millis(generated, stored),
                Objects.requireNonNull(file).toAbsolutePath().normalize());
    }

    private List<Credential> store(DemoPopulation population) {
        long started = System.nanoTime();
        for (DemoPopulation.Authority authority : population.authorities()) {
            localAuthorities.update(authority.code(), authority.emergencyDutyPhone(), LiveState.PRACTITIONERS_LIVE);
            localAuthorities.updateTeamPhone(authority.code(), authority.teamPhone());
        }

        List<NewOrganisation> organisations = population.organisations();
        long[] ids = new long[organisations.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = directory.addOrganisation(organisations.get(i));
        }
        long organisationsStored = System.nanoTime();

        List<NewChild> children = population.children(index -> ids[Math.toIntExact(index)]);
        for (int from = 0; from < children.size(); from += BATCH_SIZE) {
            directory.add(children.subList(from, Math.min(from + BATCH_SIZE, children.size())));
        }
        long childrenStored = System.nanoTime();

        List<Credential> credentials = new ArrayList<>();
        List<NewUser> newUsers = new ArrayList<>();
        for (DemoAccount account : population.accounts()) {
            String password = password();
            String pin = Totp.newPin();
            String totpSecret = Totp.newSecret();
            newUsers.add(account.toNewUser(password, pin, totpSecret, ids[account.organisation()]));
            credentials.add(new Credential(account.username(), password, pin, totpSecret, account.roleNames(),
                    organisations.get(account.organisation()).name()));
        }
        userAccounts.createAll(newUsers);
        log.debug("Demo data stored: authorities and organisations in {} ms, children in {} ms, accounts in {} ms",
                millis(started, organisationsStored), millis(organisationsStored, childrenStored),
                millis(childrenStored, System.nanoTime()));
        return credentials;
    }

    private String password() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(passwords.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
