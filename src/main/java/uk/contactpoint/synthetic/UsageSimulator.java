package uk.contactpoint.synthetic;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditVerifier;
import uk.contactpoint.audit.MisuseAlerts;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Sector;

/**
 * The usage simulator (issue 8, ADR 31): practitioners of the directory's organisations search for and open
 * the records of children day by day, as their work would have them do, and a few of them misuse the
 * directory in one seeded way each. Their audit events go straight through {@link AuditLog}, backdated to
 * office hours in Europe/London; the misuse rules then run over the simulated days as the service would have
 * run them, and every alert about a simulated user is set against the ground truth kept here.
 *
 * <p>Simulated accounts are real accounts (the rules read a user's name and local authority from them) with
 * random credentials nobody holds. Audit events cannot be removed: run it on a demo or throwaway database.
 * Logs and the report carry counts and simulated usernames, never a child's or a user's name.
 */
@Service
public class UsageSimulator {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<LocalAuthorityCode> DEMO_AUTHORITIES = List.of(new LocalAuthorityCode("E08000035"),
            new LocalAuthorityCode("E09000007"), new LocalAuthorityCode("E10000008"));
    private static final String FULL_LOGIN = "FACTOR_PASSWORD,FACTOR_PIN_TOTP,ROLE_PRACTITIONER";
    private static final String ROLE = "PRACTITIONER";
    private static final int WRITE_BATCH = 2_000;
    /** Records of children they do not work with that a practitioner may open a day: every authority's default (ADR 25). */
    static final int DAILY_VIEW_CAP = 20;
    private static final List<String> REASONS = List.of("Checking who else works with the child before a visit",
            "New referral received", "Planning a multi-agency meeting", "Child new to our service",
            "Following up a concern raised by a colleague", "Contacting the lead professional");
    /** A day on which a user checks in from home, then goes to the office without signing out. */
    static final double ROAMING_PER_DAY = 0.003;

    /** The misuse seeded in a user: each trips the misuse rule of the same name. */
    public enum Scenario { VOLUME, NO_RELATIONSHIP, SHIELDED_PROBING, BULK_ACCESS, CONCURRENT_LOGIN, OWN_SURNAME }

    /** How much a user's work has them use the directory. */
    public enum Profile {
        /** A teacher or GP receptionist: a record now and then, often none in a day. */
        OCCASIONAL(1.0, 0.90, 0.09),
        /** A health visitor or school nurse: a few records a day, nearly all children their organisation works with. */
        ORDINARY(6.0, 0.85, 0.14),
        /** A social worker on duty or at the front door: many records a day, many of them new to the organisation. */
        BUSY(22.0, 0.65, 0.34);

        final double viewsPerDay;
        final double involved;
        final double sameLa;

        Profile(double viewsPerDay, double involved, double sameLa) {
            this.viewsPerDay = viewsPerDay;
            this.involved = involved;
            this.sameLa = sameLa;
        }
    }

    /**
     * What to simulate.
     *
     * @param users        simulated practitioners
     * @param days         calendar days (weekends are quiet)
     * @param seed         seeds every choice, so that the same directory gives the same run
     * @param misusers     users with a seeded misuse, spread evenly over the scenarios
     * @param demoChildren children to generate when the directory is empty (the demo seeder's directory)
     * @param lastDay      the last simulated day; null for yesterday
     */
    public record Settings(int users, int days, long seed, int misusers, int demoChildren, LocalDate lastDay) {

        public Settings {
            if (users < 1 || users > 100_000) {
                throw new IllegalArgumentException("--users: between 1 and 100000");
            }
            if (days < 1 || days > 30) {
                throw new IllegalArgumentException("--days: between 1 and 30");
            }
            if (misusers < 0 || misusers > users) {
                throw new IllegalArgumentException("--misusers: between 0 and the number of users");
            }
            if (demoChildren < 100 || demoChildren > DemoPopulation.MAX_CHILDREN) {
                throw new IllegalArgumentException("--children: between 100 and " + DemoPopulation.MAX_CHILDREN);
            }
        }
    }

    /** Told as the run goes: what it is doing, then each day written and scanned. */
    public interface Progress {
        void phase(String what);

        void day(LocalDate day, int done, int of, long eventsSoFar, long alertsSoFar);
    }

    /** A seeded misuse: who, which rule it should trip, on which day. */
    public record Seeded(String username, Scenario rule, LocalDate day, Profile profile) {
    }

    /**
     * One rule's figures over the run.
     *
     * @param alerts          every alert it raised about simulated users
     * @param seeded          misusers seeded for it
     * @param caught          of those, how many it raised an alert about on the day of their misuse
     * @param onOwn           its alerts about misuse seeded for it
     * @param onOther         its alerts about another rule's misuser on the day of their misuse (also misuse)
     * @param falseAlarms     its alerts about anything else: a normal user, or a misuser on an ordinary day
     * @param usersFalselyAlerted different users behind its false alarms
     * @param falseAlarmsByProfile the false alarms by the alerted user's profile
     */
    public record RuleFigures(Scenario rule, int alerts, int seeded, int caught, int onOwn, int onOther, int falseAlarms,
                              int usersFalselyAlerted, Map<Profile, Integer> falseAlarmsByProfile) {

        /** Share of its alerts that were about misuse; 1 when it raised none. */
        public double precision() {
            return alerts == 0 ? 1.0 : (double) (onOwn + onOther) / alerts;
        }

        /** Share of its seeded misusers it caught; 1 when none was seeded. */
        public double recall() {
            return seeded == 0 ? 1.0 : (double) caught / seeded;
        }
    }

    /** An alert that was not about seeded misuse: who, their profile, the window, and the misuse they were seeded with if any. */
    public record FalseAlarm(Scenario rule, String username, Profile profile, Instant windowStart, Scenario seededFor) {
    }

    /** What a run did and found. */
    public record Result(Settings settings, LocalDate firstDay, LocalDate lastDay, boolean generatedDirectory,
                         long children, int localAuthorities, int organisations, Map<Profile, Integer> usersByProfile,
                         long events, long searches, long views, long logins, int scanRuns, List<Seeded> seeded,
                         List<String> notSeeded, List<RuleFigures> rules, List<Seeded> missed, List<FalseAlarm> falseAlarmList,
                         int normalUsersAlerted, long writeMillis, long scanMillis, long totalMillis) {

        public int misusersCaught() {
            return seeded.size() - missed.size();
        }

        public int falseAlarms() {
            return rules.stream().mapToInt(RuleFigures::falseAlarms).sum();
        }
    }

    private record Kid(long id, String given, String family, LocalDate dob, String postcode, String la, boolean shielded) {
    }

    private record Org(long id, String name, String la, Sector sector, long[] caseload, Set<Long> works) {
    }

    private record Pending(Instant at, AuditEvent event, String personal) {
    }

    private static final class SimUser {
        final String username;
        final String given;
        String family;
        final Org org;
        final Profile profile;
        final String office;
        final String home;
        final Random random;
        Seeded scenario;
        Kid relative;
        final List<Long> recent = new ArrayList<>();
        final Set<Long> uninvolvedToday = new HashSet<>();
        LocalDate capDay;

        SimUser(String username, String given, String family, Org org, Profile profile, String office, String home, Random random) {
            this.username = username;
            this.given = given;
            this.family = family;
            this.org = org;
            this.profile = profile;
            this.office = office;
            this.home = home;
            this.random = random;
        }
    }

    private final Directory directory;
    private final LocalAuthorities localAuthorities;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final MisuseAlerts alerts;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final Path dataDirectory;

    UsageSimulator(Directory directory, LocalAuthorities localAuthorities, UserAccounts accounts, AuditLog audit,
                   AuditVerifier verifier, MisuseAlerts alerts, TransactionOperations transactions, Clock clock,
                   @Value("${contactpoint.data-dir:./data}") String dataDirectory) {
        this.directory = directory;
        this.localAuthorities = localAuthorities;
        this.accounts = accounts;
        this.audit = audit;
        this.verifier = verifier;
        this.alerts = alerts;
        this.transactions = transactions;
        this.clock = clock;
        this.dataDirectory = Path.of(dataDirectory);
    }

    /**
     * Simulates, scans and measures.
     *
     * @throws IllegalStateException when the directory has too few organisations working with children to simulate
     */
    public Result run(Settings settings, Progress progress) {
        long started = System.nanoTime();
        boolean generated = false;
        if (directory.count() == 0) {
            progress.phase("The directory is empty: generating the demo directory (" + settings.demoChildren() + " children)");
            new DemoSeeder(directory, localAuthorities, accounts, transactions,
                    new DemoSeeder.Settings(settings.demoChildren(), settings.seed(), DEMO_AUTHORITIES, dataDirectory), clock).seed();
            generated = true;
        }
        progress.phase("Reading the directory");
        Map<Long, Kid> kids = new HashMap<>();
        directory.forEachForMatching(5_000, batch -> {
            for (ChildForMatching c : batch) {
                if (c.status() == RecordStatus.LIVE && c.responsibleLa() != null) {
                    kids.put(c.id(), new Kid(c.id(), c.givenName(), c.familyName(), c.dateOfBirth(), c.postcode(),
                            c.responsibleLa(), c.shielded()));
                }
            }
        });
        Map<String, List<Kid>> byLa = new HashMap<>();
        kids.values().stream().sorted(Comparator.comparingLong(Kid::id))
                .forEach(k -> byLa.computeIfAbsent(k.la(), x -> new ArrayList<>()).add(k));
        List<Org> orgs = organisations(kids, byLa);
        if (orgs.isEmpty()) {
            throw new IllegalStateException("no organisation in the directory works with 3 or more live children: nothing to simulate");
        }
        Random random = new Random(settings.seed());
        progress.phase("Creating " + settings.users() + " simulated practitioners");
        List<SimUser> users = users(settings, orgs, random);

        LocalDate last = settings.lastDay() != null ? settings.lastDay() : LocalDate.now(clock.withZone(LONDON)).minusDays(1);
        LocalDate first = last.minusDays(settings.days() - 1L);
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        List<String> notSeeded = new ArrayList<>();
        seed(settings, users, days, kids, byLa, random, notSeeded);
        createAccounts(users, progress);
        progress.phase("Simulating " + days.size() + " days");

        long events = 0;
        long searches = 0;
        long views = 0;
        long logins = 0;
        long writeNanos = 0;
        long scanNanos = 0;
        int scanRuns = 0;
        long raised = 0;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            long t0 = System.nanoTime();
            List<Pending> pending = new ArrayList<>();
            for (SimUser u : users) {
                userDay(u, day, kids, byLa, pending);
            }
            pending.sort(Comparator.comparing(Pending::at));
            for (int from = 0; from < pending.size(); from += WRITE_BATCH) {
                List<Pending> chunk = pending.subList(from, Math.min(from + WRITE_BATCH, pending.size()));
                transactions.executeWithoutResult(s -> {
                    for (Pending p : chunk) {
                        if (p.personal() == null) {
                            audit.record(p.event());
                        } else {
                            audit.record(p.event(), p.personal());
                        }
                    }
                });
            }
            for (Pending p : pending) {
                switch (p.event().action()) {
                    case SEARCH -> searches++;
                    case RECORD_VIEW -> views++;
                    case LOGIN -> logins++;
                    default -> { }
                }
            }
            events += pending.size();
            long t1 = System.nanoTime();
            // The monitor looks back at most two hours: one run at the end of every hour with events covers them all.
            TreeSet<Instant> hours = new TreeSet<>();
            for (Pending p : pending) {
                hours.add(p.at().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
            }
            hours.add(day.plusDays(1).atStartOfDay(LONDON).toInstant());
            for (Instant at : hours) {
                raised += alerts.scanAsAt(at);
                scanRuns++;
            }
            writeNanos += t1 - t0;
            scanNanos += System.nanoTime() - t1;
            progress.day(day, d + 1, days.size(), events, raised);
        }
        progress.phase("Sealing the simulated events into the audit chain");
        verifier.sealNow();
        progress.phase("Measuring the alerts against the seeded misuse");

        List<RuleFigures> figures = new ArrayList<>();
        List<Seeded> missed = new ArrayList<>();
        List<FalseAlarm> falseAlarms = new ArrayList<>();
        int normalAlerted = measure(users, figures, missed, falseAlarms);
        Map<Profile, Integer> byProfile = new EnumMap<>(Profile.class);
        users.forEach(u -> byProfile.merge(u.profile, 1, Integer::sum));
        List<Seeded> seeded = users.stream().map(u -> u.scenario).filter(Objects::nonNull)
                .sorted(Comparator.comparing(Seeded::rule).thenComparing(Seeded::username)).toList();
        return new Result(settings, first, last, generated, kids.size(), byLa.size(), orgs.size(), byProfile, events,
                searches, views, logins, scanRuns, seeded, notSeeded, figures, missed, falseAlarms, normalAlerted, writeNanos / 1_000_000,
                scanNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000);
    }

    private List<Org> organisations(Map<Long, Kid> kids, Map<String, List<Kid>> byLa) {
        List<Org> out = new ArrayList<>();
        Map<Long, List<Long>> work = new java.util.TreeMap<>(directory.childrenByOrganisation());
        for (var e : work.entrySet()) {
            long[] caseload = e.getValue().stream().filter(kids::containsKey).mapToLong(Long::longValue).toArray();
            if (caseload.length < 3) {
                continue;
            }
            Organisation o = directory.organisation(e.getKey()).orElse(null);
            // Its staff look up children of their own LA too: an organisation in an LA without children here has none.
            if (o == null || o.localAuthority() == null || o.sector() == Sector.NATIONAL || !byLa.containsKey(o.localAuthority())) {
                continue;
            }
            Set<Long> works = new HashSet<>();
            Arrays.stream(caseload).forEach(works::add);
            out.add(new Org(o.id(), o.name(), o.localAuthority(), o.sector(), caseload, works));
        }
        return out;
    }

    private List<SimUser> users(Settings settings, List<Org> orgs, Random random) {
        ReferenceData reference = ReferenceData.fromClasspath();
        double[] cumulative = new double[orgs.size()];
        double total = 0;
        for (int i = 0; i < orgs.size(); i++) {
            total += Math.sqrt(orgs.get(i).caseload().length);
            cumulative[i] = total;
        }
        String run = Long.toString(clock.instant().getEpochSecond(), 36);
        List<SimUser> users = new ArrayList<>();
        for (int i = 0; i < settings.users(); i++) {
            double pick = random.nextDouble() * total;
            int at = Arrays.binarySearch(cumulative, pick);
            Org org = orgs.get(Math.min(orgs.size() - 1, at >= 0 ? at : -at - 1));
            Profile profile = profile(org.sector(), random);
            Gender sex = random.nextBoolean() ? Gender.FEMALE : Gender.MALE;
            String given = reference.forename(sex, 1965 + random.nextInt(35), random);
            String family = reference.surname(random);
            // Staff of one organisation share its network address; at home each user has their own.
            String office = "10." + (org.id() / 250 % 250) + "." + (org.id() % 250) + ".1";
            String home = "81." + (1 + random.nextInt(250)) + "." + random.nextInt(250) + "." + (1 + random.nextInt(250));
            users.add(new SimUser("sim-" + run + "-" + i, given, family, org, profile, office, home,
                    new Random(settings.seed() * 1_000_003L + i)));
        }
        return users;
    }

    private static Profile profile(Sector sector, Random random) {
        double r = random.nextDouble();
        return switch (sector) {
            case SOCIAL_CARE, LOCAL_AUTHORITY, YOUTH_JUSTICE -> r < 0.6 ? Profile.BUSY : r < 0.9 ? Profile.ORDINARY : Profile.OCCASIONAL;
            case EDUCATION -> r < 0.5 ? Profile.OCCASIONAL : r < 0.95 ? Profile.ORDINARY : Profile.BUSY;
            case HEALTH -> r < 0.1 ? Profile.OCCASIONAL : r < 0.9 ? Profile.ORDINARY : Profile.BUSY;
            default -> r < 0.3 ? Profile.OCCASIONAL : r < 0.9 ? Profile.ORDINARY : Profile.BUSY;
        };
    }

    /** Picks the misusers, a scenario each (in turn, so every rule has its share), and a working day for it. */
    private void seed(Settings settings, List<SimUser> users, List<LocalDate> days, Map<Long, Kid> kids,
                      Map<String, List<Kid>> byLa, Random random, List<String> notSeeded) {
        List<LocalDate> working = days.stream().filter(d -> !weekend(d)).toList();
        if (working.isEmpty()) {
            working = days;
        }
        List<SimUser> shuffled = new ArrayList<>(users);
        java.util.Collections.shuffle(shuffled, random);
        Scenario[] scenarios = Scenario.values();
        int seeded = 0;
        for (int i = 0; i < shuffled.size() && seeded < settings.misusers(); i++) {
            SimUser u = shuffled.get(i);
            Scenario rule = scenarios[seeded % scenarios.length];
            String why = feasible(u, rule, kids, byLa);
            if (why != null) {
                if (notSeeded.stream().noneMatch(s -> s.startsWith(rule.name()))) {
                    notSeeded.add(rule.name() + ": " + why);
                }
                if (i > 4 * settings.users()) {
                    break;
                }
                continue;
            }
            // A spike stands out against some ordinary days before it, as it would in life.
            List<LocalDate> candidates = rule == Scenario.VOLUME && working.size() > 1 ? working.subList(1, working.size()) : working;
            u.scenario = new Seeded(u.username, rule, candidates.get(random.nextInt(candidates.size())), u.profile);
            if (rule == Scenario.OWN_SURNAME) {
                // A relative: a child of their own family name, whom they have no work reason to look up.
                List<Kid> pool = byLa.get(u.org.la()).stream().filter(k -> !k.shielded() && !u.org.works().contains(k.id())
                        && k.family().length() > 1 && !k.family().contains(" ")).toList();
                u.relative = pool.get(random.nextInt(pool.size()));
                u.family = u.relative.family();
            }
            seeded++;
        }
    }

    private static String feasible(SimUser u, Scenario rule, Map<Long, Kid> kids, Map<String, List<Kid>> byLa) {
        return switch (rule) {
            case NO_RELATIONSHIP -> kids.values().stream().filter(k -> !k.la().equals(u.org.la()) && !k.shielded()
                    && !u.org.works().contains(k.id())).limit(6).count() < 6 ? "the directory has children in one local authority only" : null;
            case SHIELDED_PROBING -> kids.values().stream().filter(k -> k.shielded() && !u.org.works().contains(k.id()))
                    .limit(3).count() < 3 ? "the directory has fewer than 3 shielded children" : null;
            case BULK_ACCESS -> byLa.get(u.org.la()).size() < 60 ? "too few children in the user's local authority" : null;
            case OWN_SURNAME -> byLa.get(u.org.la()).stream().anyMatch(k -> !k.shielded() && !u.org.works().contains(k.id())
                    && k.family().length() > 1 && !k.family().contains(" "))
                    ? null : "no child in the user's local authority outside their organisation's work";
            default -> null;
        };
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private void createAccounts(List<SimUser> users, Progress progress) {
        SecureRandom secrets = new SecureRandom();
        LocalDate today = LocalDate.now(clock);
        List<NewUser> all = new ArrayList<>();
        for (SimUser u : users) {
            // Credentials nobody holds: the account exists for the rules to read its name and local authority.
            byte[] bytes = new byte[18];
            secrets.nextBytes(bytes);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            all.add(new NewUser(u.username, password, u.given + " " + u.family, u.username + "@simulated.invalid", null,
                    u.org.id(), u.org.la(), Set.of(Role.PRACTITIONER), false, today.minusYears(1), today.minusMonths(6),
                    today.minusMonths(6), Totp.newPin(), Totp.newSecret()));
        }
        for (int from = 0; from < all.size(); from += 200) {
            accounts.createAll(all.subList(from, Math.min(from + 200, all.size())));
            if (all.size() > 200) {
                progress.phase(Math.min(from + 200, all.size()) + " of " + all.size() + " accounts created");
            }
        }
    }

    // ---- one user's day ------------------------------------------------------------------------------------

    private void userDay(SimUser u, LocalDate day, Map<Long, Kid> kids, Map<String, List<Kid>> byLa, List<Pending> out) {
        Random r = u.random;
        Scenario misuse = u.scenario != null && u.scenario.day().equals(day) ? u.scenario.rule() : null;
        boolean works = weekend(day) ? r.nextDouble() < (u.profile == Profile.BUSY ? 0.12 : 0.02) : r.nextDouble() < 0.93;
        if (!works && misuse == null) {
            return;
        }
        Instant start = at(day, LocalTime.of(7, 45), clampMinutes(gaussian(r, 55, 30), 0, 130));
        Instant end = start.plus(Duration.ofMinutes(clampMinutes(gaussian(r, 465, 35), 360, 570)));
        boolean fromHome = r.nextDouble() < 0.06;
        String address = fromHome ? u.home : u.office;
        String session = session(r);
        if (!fromHome && misuse != Scenario.CONCURRENT_LOGIN && r.nextDouble() < ROAMING_PER_DAY) {
            // Checked the directory at home before leaving, never signed out: a second address while a session may live.
            Instant early = start.minus(Duration.ofMinutes(45 + r.nextInt(60)));
            login(u, early, u.home, out);
            activity(u, early.plusSeconds(120), u.home, session(r), kids, byLa, out, null);
        }
        login(u, start, address, out);
        boolean lunchOut = misuse != Scenario.CONCURRENT_LOGIN && r.nextDouble() < 0.25;
        Instant lunch = at(day, LocalTime.of(12, 15), clampMinutes(gaussian(r, 20, 15), 0, 60));
        String afternoon = lunchOut ? session(r) : session;
        if (lunchOut) {
            out.add(new Pending(lunch, event(u, lunch, null, FULL_LOGIN, address, null, AuditAction.LOGOUT, List.of(),
                    AuditOutcome.SUCCESS, null), null));
            login(u, lunch.plus(Duration.ofMinutes(40)), address, out);
        }
        double mean = u.profile.viewsPerDay * Math.exp(gaussian(r, 0, 0.35));
        int n = poisson(r, weekend(day) ? mean / 3 : mean);
        long span = Duration.between(start, end).getSeconds() - 1_200;
        for (int i = 0; i < n; i++) {
            Instant t = start.plusSeconds(600 + (long) (r.nextDouble() * span));
            if (lunchOut && !t.isBefore(lunch) && t.isBefore(lunch.plus(Duration.ofMinutes(41)))) {
                t = t.plus(Duration.ofMinutes(45));
            }
            activity(u, t, address, t.isBefore(lunch) ? session : afternoon, kids, byLa, out, null);
        }
        if (misuse != null) {
            // The misuse is that day's act: the children it touched are not the user's to come back to later.
            List<Long> before = new ArrayList<>(u.recent);
            misuse(u, misuse, day, start, end, address, session, kids, byLa, out);
            u.recent.clear();
            u.recent.addAll(before);
        }
        if (r.nextDouble() < 0.7) {
            out.add(new Pending(end, event(u, end, null, FULL_LOGIN, address, null, AuditAction.LOGOUT, List.of(),
                    AuditOutcome.SUCCESS, null), null));
        }
    }

    /** A search then, usually, the record it found; or a record opened again. Pick a child unless one is given. */
    private void activity(SimUser u, Instant t, String address, String session, Map<Long, Kid> kids,
                          Map<String, List<Kid>> byLa, List<Pending> out, Kid given) {
        Random r = u.random;
        if (given == null && u.recent.size() >= 5 && r.nextDouble() < 0.2) {
            view(u, t, address, session, kids.get(u.recent.get(r.nextInt(u.recent.size()))), out);
            return;
        }
        Kid kid = given != null ? given : pick(u, kids, byLa);
        boolean none = given == null && r.nextDouble() < 0.05;
        search(u, t, address, session, kid, none, out);
        if (!none) {
            view(u, t.plusSeconds(15 + r.nextInt(90)), address, session, kid, out);
        }
    }

    private Kid pick(SimUser u, Map<Long, Kid> kids, Map<String, List<Kid>> byLa) {
        Random r = u.random;
        double x = r.nextDouble();
        if (x < u.profile.involved) {
            return kids.get(u.org.caseload()[r.nextInt(u.org.caseload().length)]);
        }
        if (x < u.profile.involved + u.profile.sameLa) {
            List<Kid> la = byLa.get(u.org.la());
            return la.get(r.nextInt(la.size()));
        }
        // A child who moved away, or one a colleague elsewhere asked about.
        List<String> las = new ArrayList<>(byLa.keySet());
        java.util.Collections.sort(las);
        List<Kid> la = byLa.get(las.get(r.nextInt(las.size())));
        return la.get(r.nextInt(la.size()));
    }

    private void search(SimUser u, Instant t, String address, String session, Kid kid, boolean nothing, List<Pending> out) {
        Random r = u.random;
        double form = r.nextDouble();
        String fields;
        String values;
        if (form < 0.6) {
            fields = "given,family,dob";
            values = "given=" + kid.given() + " family=" + kid.family() + " dob=" + kid.dob();
        } else if (form < 0.85 || kid.postcode() == null) {
            fields = "family,dob";
            values = "family=" + kid.family() + " dob=" + kid.dob();
        } else {
            fields = "given,family,postcode";
            values = "given=" + kid.given() + " family=" + kid.family() + " postcode=" + kid.postcode();
        }
        List<Long> found = nothing ? List.of() : List.of(kid.id());
        out.add(new Pending(t, event(u, t, u.org.name(), ROLE, address, session, AuditAction.SEARCH, found,
                nothing ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "search: fields=" + fields + " results=" + found.size()), values));
    }

    private void view(SimUser u, Instant t, String address, String session, Kid kid, List<Pending> out) {
        boolean involved = u.org.works().contains(kid.id());
        boolean sameLa = kid.la().equals(u.org.la());
        String reason = REASONS.get(u.random.nextInt(REASONS.size()));
        if (!involved) {
            LocalDate day = t.atZone(LONDON).toLocalDate();
            if (!day.equals(u.capDay)) {
                u.capDay = day;
                u.uninvolvedToday.clear();
            }
            if (!u.uninvolvedToday.contains(kid.id()) && u.uninvolvedToday.size() >= DAILY_VIEW_CAP) {
                // As ChildRecords refuses it: audited, the child named, nothing disclosed.
                out.add(new Pending(t, new AuditEvent(t, u.username, u.org.name(), ROLE, null, address, session,
                        AuditAction.RECORD_VIEW, List.of(kid.id()), reason, AuditOutcome.REFUSED,
                        "daily cap reached cap=" + DAILY_VIEW_CAP), null));
                return;
            }
            u.uninvolvedToday.add(kid.id());
        }
        // As ChildRecords writes it: a shielded record is shown restricted to those who do not work with the child.
        String detail = (kid.shielded() && !involved ? "restricted;" : "") + "relationship="
                + (involved ? "involved" : sameLa ? "same-la" : "none") + ";shielded=" + kid.shielded();
        out.add(new Pending(t, new AuditEvent(t, u.username, u.org.name(), ROLE, null, address, session,
                AuditAction.RECORD_VIEW, List.of(kid.id()), reason, AuditOutcome.DISCLOSED, detail), null));
        if (u.recent.size() >= 30) {
            u.recent.remove(0);
        }
        u.recent.add(kid.id());
    }

    private void login(SimUser u, Instant t, String address, List<Pending> out) {
        // The password step, then the second factor that completes the sign-in.
        out.add(new Pending(t, event(u, t, null, "FACTOR_PASSWORD", address, null, AuditAction.LOGIN, List.of(),
                AuditOutcome.SUCCESS, null), null));
        Instant full = t.plusSeconds(10 + u.random.nextInt(40));
        out.add(new Pending(full, event(u, full, null, FULL_LOGIN, address, null, AuditAction.LOGIN, List.of(),
                AuditOutcome.SUCCESS, null), null));
    }

    private static AuditEvent event(SimUser u, Instant t, String organisation, String role, String address, String session,
                                    AuditAction action, List<Long> children, AuditOutcome outcome, String detail) {
        return new AuditEvent(t, u.username, organisation, role, null, address, session, action, children, null, outcome, detail);
    }

    // ---- misuse ----------------------------------------------------------------------------------------------

    private void misuse(SimUser u, Scenario rule, LocalDate day, Instant start, Instant end, String address, String session,
                        Map<Long, Kid> kids, Map<String, List<Kid>> byLa, List<Pending> out) {
        Random r = u.random;
        List<Kid> ownLa = byLa.get(u.org.la());
        long span = Duration.between(start, end).getSeconds() - 1_800;
        switch (rule) {
            case VOLUME -> {
                // Far more than their work needs in one hour, at a pace no single window of ten minutes notices.
                Instant hour = at(day, LocalTime.of(10 + r.nextInt(5), 0), 0);
                int pairs = 20 + r.nextInt(8);
                for (int i = 0; i < pairs; i++) {
                    Kid kid = r.nextBoolean() ? kids.get(u.org.caseload()[r.nextInt(u.org.caseload().length)])
                            : ownLa.get(r.nextInt(ownLa.size()));
                    if (kid.shielded()) {
                        kid = ownLa.stream().filter(k -> !k.shielded()).findFirst().orElseThrow();
                    }
                    Instant t = hour.plusSeconds(30 + (long) i * 3_400 / pairs + r.nextInt(60));
                    search(u, t, address, session, kid, false, out);
                    view(u, t.plusSeconds(20 + r.nextInt(30)), address, session, kid, out);
                }
            }
            case NO_RELATIONSHIP -> {
                // Children elsewhere that nobody at their organisation works with: an ex-partner's family, a neighbour who moved.
                List<Kid> pool = kids.values().stream().filter(k -> !k.la().equals(u.org.la()) && !k.shielded()
                        && !u.org.works().contains(k.id())).sorted(Comparator.comparingLong(Kid::id)).toList();
                int count = 3 + r.nextInt(3);
                for (int i = 0; i < count; i++) {
                    activity(u, start.plusSeconds(900 + (long) (r.nextDouble() * span)), address, session, kids, byLa, out,
                            pool.get(r.nextInt(pool.size())));
                }
            }
            case SHIELDED_PROBING -> {
                // Looking for where a shielded family now lives: their own authority's first, then anywhere.
                List<Kid> pool = new ArrayList<>(kids.values().stream().filter(k -> k.shielded() && !u.org.works().contains(k.id())
                        && k.la().equals(u.org.la())).sorted(Comparator.comparingLong(Kid::id)).toList());
                java.util.Collections.shuffle(pool, r);
                if (pool.size() < 3) {
                    pool.addAll(kids.values().stream().filter(k -> k.shielded() && !u.org.works().contains(k.id())
                            && !k.la().equals(u.org.la())).sorted(Comparator.comparingLong(Kid::id)).limit(3).toList());
                }
                int count = 2 + r.nextInt(2);
                for (int i = 0; i < count && i < pool.size(); i++) {
                    activity(u, start.plusSeconds(900 + (long) (r.nextDouble() * span)), address, session, kids, byLa, out, pool.get(i));
                }
            }
            case BULK_ACCESS -> {
                // Records opened one after another in sequence for a quarter of an hour: a script or a list copied out.
                // Past the daily cap on children their organisation does not work with, the views are refused (and audited).
                List<Kid> pool = ownLa.stream().filter(k -> !k.shielded()).toList();
                int count = 48 + r.nextInt(10);
                int first = r.nextInt(Math.max(1, pool.size() - count));
                Instant t = at(day, LocalTime.of(10 + r.nextInt(5), r.nextInt(60)), 0);
                for (int i = 0; i < count && first + i < pool.size(); i++) {
                    view(u, t, address, session, pool.get(first + i), out);
                    t = t.plusSeconds(15 + r.nextInt(6));
                }
            }
            case CONCURRENT_LOGIN -> {
                // Someone else signs in with their credentials from elsewhere while their own session is live.
                Instant t = start.plus(Duration.ofMinutes(60 + r.nextInt(150)));
                String elsewhere = "203.0.113." + (1 + r.nextInt(250));
                login(u, t, elsewhere, out);
                String other = session(r);
                for (int i = 0; i < 2 + r.nextInt(3); i++) {
                    activity(u, t.plusSeconds(120 + 300L * i), elsewhere, other, kids, byLa, out, ownLa.get(r.nextInt(ownLa.size())));
                }
            }
            case OWN_SURNAME -> activity(u, start.plusSeconds(900 + (long) (r.nextDouble() * span)), address, session, kids, byLa,
                    out, u.relative);
        }
    }

    // ---- measuring -----------------------------------------------------------------------------------------

    private int measure(List<SimUser> users, List<RuleFigures> figures, List<Seeded> missed, List<FalseAlarm> falseAlarmList) {
        Map<String, SimUser> byName = new HashMap<>();
        users.forEach(u -> byName.put(u.username, u));
        List<MisuseAlerts.Alert> raised = alerts.about(byName.keySet());
        Set<String> normalAlerted = new HashSet<>();
        for (Scenario rule : Scenario.values()) {
            int total = 0;
            int onOwn = 0;
            int onOther = 0;
            int falseAlarms = 0;
            Set<String> caught = new HashSet<>();
            Set<String> falselyAlerted = new HashSet<>();
            Map<Profile, Integer> byProfile = new EnumMap<>(Profile.class);
            for (MisuseAlerts.Alert a : raised) {
                if (!a.rule().equals(rule.name())) {
                    continue;
                }
                total++;
                SimUser u = byName.get(a.subjectUser());
                Seeded s = u.scenario;
                boolean onMisuseDay = s != null && a.windowStart().atZone(LONDON).toLocalDate().equals(s.day());
                if (onMisuseDay && s.rule() == rule) {
                    onOwn++;
                    caught.add(u.username);
                } else if (onMisuseDay) {
                    onOther++;
                } else {
                    falseAlarms++;
                    falselyAlerted.add(u.username);
                    byProfile.merge(u.profile, 1, Integer::sum);
                    falseAlarmList.add(new FalseAlarm(rule, u.username, u.profile, a.windowStart(), s == null ? null : s.rule()));
                    if (s == null) {
                        normalAlerted.add(u.username);
                    }
                }
            }
            int seeded = 0;
            for (SimUser u : users) {
                if (u.scenario != null && u.scenario.rule() == rule) {
                    seeded++;
                    if (!caught.contains(u.username)) {
                        missed.add(u.scenario);
                    }
                }
            }
            figures.add(new RuleFigures(rule, total, seeded, caught.size(), onOwn, onOther, falseAlarms, falselyAlerted.size(), byProfile));
        }
        return normalAlerted.size();
    }

    // ---- small helpers ---------------------------------------------------------------------------------------

    private static Instant at(LocalDate day, LocalTime time, long plusMinutes) {
        return day.atTime(time).plusMinutes(plusMinutes).atZone(LONDON).toInstant();
    }

    private static double gaussian(Random r, double mean, double sd) {
        return mean + sd * r.nextGaussian();
    }

    private static long clampMinutes(double minutes, long min, long max) {
        return Math.max(min, Math.min(max, Math.round(minutes)));
    }

    private static int poisson(Random r, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(gaussian(r, mean, Math.sqrt(mean))));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static String session(Random r) {
        return Long.toHexString(r.nextLong() & Long.MAX_VALUE);
    }
}
