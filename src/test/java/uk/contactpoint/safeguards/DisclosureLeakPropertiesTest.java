package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Carer;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;

/**
 * No leaks, whatever the record and whoever looks (issue 7). Random children (live, archived, suppressed or
 * merged; shielded or not; with ordinary, sensitive, ended and self-recorded involvements; with identifiers of
 * either allocating body) carry a unique marker in every value that some viewer may not see. Each is shown to a
 * random viewer of every kind (practitioners of the sensitive service, of health, education and social care,
 * the responsible LA's team, another LA's team, a national administrator, the practitioner who recorded an
 * entry) through the disclosure policy and the real record page template, and an oracle written apart from
 * the policy says which markers that viewer may see: none other may appear, and every one it may see does
 * (so the test also fails if the policy hides too much). Some children live at an address on the exclusion
 * register, and some views are break-glass views; archived records are also shown through the archive's own
 * entry point, on days around and far from their first anniversary (ADR 28). Each child is also rendered as a
 * search result through the real results template, and as the REST API's record body and the FHIR resources
 * (issue 9), which may show less than the page but never more. Exports and notifications are checked by
 * {@code PageLeakIT}, {@code ApiLeakIT} and {@code FhirLeakIT} on stored records.
 */
class DisclosureLeakPropertiesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final String LEEDS = "E08000035";
    static final String CAMDEN = "E09000007";

    private final DisclosurePolicy policy =
            new DisclosurePolicy(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneId.of("Europe/London")));
    private final SpringTemplateEngine engine = engine();

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** The CSRF token the layout's forms carry. */
    public static final class Csrf {
        public String getToken() {
            return "token";
        }

        public String getParameterName() {
            return "_csrf";
        }
    }

    /** A generated case: the child's shape and the viewer's kind. */
    record Case(RecordStatus status, boolean shielded, boolean sensitive, boolean selfRecorded, boolean teamEntry,
                int viewerKind, String marker, boolean excluded, boolean breakGlass) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                Arbitraries.of(RecordStatus.LIVE, RecordStatus.LIVE, RecordStatus.LIVE, RecordStatus.ARCHIVED,
                        RecordStatus.SUPPRESSED, RecordStatus.MERGED),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 7),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(10),
                Arbitraries.integers().between(0, 5))
                .as((status, shielded, sensitive, self, team, kind, marker, extras) ->
                        new Case(status, shielded, sensitive, self, team, kind, marker, extras % 2 == 1, extras >= 4));
    }

    /** The viewers: 0 sensitive service, 1 health, 2 education, 3 social care (recorder), 4 LA team, 5 other LA team, 6 national admin, 7 team-entry organisation. */
    static Viewer viewer(int kind) {
        return switch (kind) {
            case 0 -> new Viewer(10, "clinic", 12, "Clinic", "HEALTH", Set.of(Role.PRACTITIONER), LEEDS, false, Set.of("NHS"), "ip", "s");
            case 1 -> new Viewer(11, "gp", 11, "GP", "HEALTH", Set.of(Role.PRACTITIONER), LEEDS, true, Set.of("NHS"), "ip", "s");
            case 2 -> new Viewer(12, "school", 10, "School", "EDUCATION", Set.of(Role.PRACTITIONER), LEEDS, false, Set.of("DFE"), "ip", "s");
            case 3 -> new Viewer(13, "social", 13, "Social care", "SOCIAL_CARE", Set.of(Role.PRACTITIONER), LEEDS, false, Set.of(), "ip", "s");
            case 4 -> new Viewer(14, "team", 99, "Leeds team", "LOCAL_AUTHORITY", Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER), LEEDS, false, Set.of(), "ip", "s");
            case 5 -> new Viewer(15, "camden", 98, "Camden team", "LOCAL_AUTHORITY", Set.of(Role.LA_DATA_MANAGER, Role.LA_AUDITOR), CAMDEN, false, Set.of(), "ip", "s");
            case 6 -> new Viewer(16, "national", 97, "National", "NATIONAL", Set.of(Role.NATIONAL_ADMIN), null, false, Set.of(), "ip", "s");
            default -> new Viewer(17, "youth", 14, "Youth service", "SOCIAL_CARE", Set.of(Role.PRACTITIONER), LEEDS, false, Set.of(), "ip", "s");
        };
    }

    static Organisation org(long id, OrganisationKind kind, Sector sector, String name) {
        return new Organisation(id, kind, "C" + id, name, sector, null, null, "0113 496 0" + id, null, LEEDS);
    }

    /** Every value some viewer may not see, each carrying the case's marker. */
    static Map<String, String> marks(String m) {
        Map<String, String> marks = new HashMap<>();
        for (String field : List.of("formerName", "address", "town", "carerPhone", "carerEmail", "carerAddress", "school",
                "laName", "edtPhone", "teamPhone", "worker", "workerPhone", "sensitiveWorker", "sensitiveOrg", "sensitivePhone",
                "sensitiveRole", "endedWorker", "nhs", "upn", "teamEntry")) {
            marks.put(field, "Q" + field.toUpperCase() + m);
        }
        return marks;
    }

    /** The case's child, its values marked; {@code archivedOn} for an archived one (or null). */
    static ChildRecord child(Case c, Map<String, String> marks, LocalDate archivedOn) {
        LocalAuthority la = new LocalAuthority(new LocalAuthorityCode(LEEDS), "LDS", marks.get("laName"), "Leeds City Council",
                "MD", "Yorkshire", 790000, marks.get("edtPhone"), LiveState.PRACTITIONERS_LIVE, marks.get("teamPhone"));
        Address home = new Address(marks.get("address"), null, marks.get("town"), new Postcode("LS6 2AB"));
        Address carerHome = new Address(marks.get("carerAddress"), null, "Leeds", new Postcode("LS6 2AB"));
        LocalDate start = LocalDate.of(2024, 9, 1);
        Organisation school = org(10, OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, marks.get("school"));
        Organisation clinic = org(12, OrganisationKind.SERVICE, Sector.HEALTH, marks.get("sensitiveOrg"));
        Organisation social = org(13, OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social care");
        Organisation youth = org(14, OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Youth service");
        List<Involvement> involvements = new ArrayList<>();
        involvements.add(new Involvement(1, ServiceType.SOCIAL_CARE, social, marks.get("worker"), null, "Social worker",
                marks.get("workerPhone"), null, start, null, true, false, false, "LA", start, c.selfRecorded() ? 13L : null, null));
        if (c.sensitive()) {
            involvements.add(new Involvement(2, ServiceType.MENTAL_HEALTH, clinic, marks.get("sensitiveWorker"), null,
                    marks.get("sensitiveRole"), marks.get("sensitivePhone"), null, start, null, false, false, true, "PRACTITIONER",
                    start, 10L, null));
        }
        involvements.add(new Involvement(3, ServiceType.YOUTH_JUSTICE, social, marks.get("endedWorker"), null, "Officer",
                null, null, start, TODAY.minusDays(3), false, false, false, "LA", start, null, "ENDED"));
        if (c.teamEntry()) {
            involvements.add(new Involvement(4, ServiceType.YOUTH_SERVICE, youth, null, marks.get("teamEntry"), null,
                    "0113 496 0999", null, start, null, false, false, false, "PRACTITIONER", start, null, null));
        }
        return new ChildRecord(42, ContactPointId.fromSequence(42), new PersonName("Amelia", null, "Smith"),
                List.of(new OtherName(OtherName.Kind.FORMER, "Amelia", marks.get("formerName"), "GRO", start)),
                LocalDate.of(2015, 3, 14), Gender.FEMALE, Whereabouts.CURRENT_ADDRESS, home, null, EducationStatus.AT_SCHOOL, la,
                c.status(), c.shielded(), archivedOn,
                List.of(new Carer(1, new PersonName("Jane", null, "Smith"), Relationship.MOTHER, true, true, carerHome,
                        marks.get("carerPhone"), marks.get("carerEmail") + "@example.org", "GRO", start)),
                List.of(new Setting(1, Setting.Kind.EDUCATION, school, start, null, "SCHOOL_CENSUS", start)),
                involvements,
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, "NHS", marks.get("nhs"), "NHS_PDS", start),
                        new SourceIdentifier(SourceIdentifier.Scheme.UPN, "DFE", marks.get("upn"), "SCHOOL_CENSUS", start)),
                List.of());
    }

    @Property(tries = 10_000)
    void noViewerSeesAMarkerTheRulesHideFromThem(@ForAll("cases") Case c) {
        Map<String, String> marks = marks(c.marker());
        ChildRecord child = child(c, marks, null);
        Address home = child.address();
        Viewer viewer = viewer(c.viewerKind());

        policy.excludedAddresses(addresses -> c.excluded() ? java.util.Set.copyOf(addresses.stream().filter(home::equals).toList())
                : java.util.Set.of());
        Optional<DisclosedChild> disclosed = c.breakGlass() ? policy.applyBreakGlass(child, viewer) : policy.apply(child, viewer);
        String page = disclosed.map(this::render).orElse("");
        Set<String> allowed = allowed(c, viewer);

        for (Map.Entry<String, String> mark : marks.entrySet()) {
            if (allowed.contains(mark.getKey())) {
                assertThat(page).as("%s should see %s (%s)", viewer.username(), mark.getKey(), c).contains(mark.getValue());
            } else {
                assertThat(page).as("%s must not see %s (%s)", viewer.username(), mark.getKey(), c).doesNotContain(mark.getValue());
            }
        }
        assertThat(disclosed.isPresent()).as("only live records are shown (and suppressed ones to their LA's team), and break-glass only to those who may")
                .isEqualTo(c.status() == RecordStatus.LIVE && (!c.breakGlass() || mayBreakGlass(viewer))
                        || suppressedForTeam(c, viewer));
        if (disclosed.isPresent()) {
            assertThat(page).contains("Amelia Smith").contains("14 March 2015").contains("Jane Smith");
        }
        // The same disclosure through the machine interfaces: the REST API's record body and the FHIR resources
        // (Patient, RelatedPerson, CareTeam). They may show less than the page, never more.
        String api = disclosed.map(uk.contactpoint.api.ApiRendering::record).orElse("");
        String fhir = disclosed.map(uk.contactpoint.fhir.internal.FhirRendering::resources).orElse("");
        // A carer's address is part of their contact details (DOMAIN.md, what is held: "name and contact details of
        // each person with parental responsibility"): the machine interfaces give it wherever the page gives the
        // carer's phone; the page itself lists phone and email only.
        Set<String> machine = new java.util.HashSet<>(allowed);
        if (allowed.contains("carerPhone")) {
            machine.add("carerAddress");
        }
        for (Map.Entry<String, String> mark : marks.entrySet()) {
            if (!machine.contains(mark.getKey())) {
                assertThat(api).as("API: %s must not see %s (%s)", viewer.username(), mark.getKey(), c).doesNotContain(mark.getValue());
                assertThat(fhir).as("FHIR: %s must not see %s (%s)", viewer.username(), mark.getKey(), c).doesNotContain(mark.getValue());
            }
        }
        if (disclosed.isPresent()) {
            assertThat(api).contains("Amelia").contains("2015-03-14");
            assertThat(fhir).contains("Amelia").contains("2015-03-14");
        }

        // The same record opened for a caller by a mediated search (DOMAIN.md section 7): the caller's rules, never
        // break-glass, through the mediated page (the record page without the practitioner's own actions).
        if (viewer.roles().contains(Role.PRACTITIONER)) {
            Viewer caller = new Viewer(viewer.userId(), viewer.username(), viewer.organisationId(), viewer.organisationName(),
                    viewer.sector(), viewer.roles(), viewer.localAuthority(), viewer.childProtection(), viewer.allocatingBodies(),
                    "ip", "s", new uk.contactpoint.access.Mediation("operator", "Leeds team", "LA_USER_ADMIN",
                            uk.contactpoint.access.Mediation.Verification.TOKEN_CODE, "caller on the phone"));
            Optional<DisclosedChild> byCall = c.breakGlass() ? policy.applyBreakGlass(child, caller) : policy.apply(child, caller);
            String callPage = byCall.map(this::renderForCall).orElse("");
            // On a restricted record the caller's own entries are not read out either: the mediated page has no
            // "your involvement" part (it hides more, never less).
            Set<String> callAllowed = new java.util.HashSet<>(c.breakGlass() ? Set.of() : allowed);
            if (c.shielded()) {
                callAllowed.remove("teamEntry");
            }
            for (Map.Entry<String, String> mark : marks.entrySet()) {
                if (callAllowed.contains(mark.getKey())) {
                    assertThat(callPage).as("caller %s should see %s (%s)", viewer.username(), mark.getKey(), c).contains(mark.getValue());
                } else {
                    assertThat(callPage).as("caller %s must not see %s (%s)", viewer.username(), mark.getKey(), c)
                            .doesNotContain(mark.getValue());
                }
            }
        }

        // The same child as a search result (the other output of a search: the list before any record opens).
        ChildForMatching candidate = new ChildForMatching(42, child.contactPointId(), "Amelia", null, "Smith",
                List.of(marks.get("formerName")), child.dateOfBirth(), Gender.FEMALE, "LS6 2AB", marks.get("address"),
                marks.get("town"), LEEDS, c.shielded(), c.status(), child.identifiers());
        Optional<ChildSearches.Row> row = ChildSearches.row(candidate, gss -> marks.get("laName"));
        String results = row.map(r -> renderResults(List.of(r))).orElse("");
        assertThat(row.isPresent()).as("only live records are listed (%s)", c).isEqualTo(c.status() == RecordStatus.LIVE);
        for (String never : List.of("formerName", "address", "town", "nhs", "upn")) {
            assertThat(results).as("a result list never shows %s (%s)", never, c).doesNotContain(marks.get(never));
        }
        if (row.isPresent() && !c.shielded()) {
            assertThat(results).contains("Amelia Smith").contains(marks.get("laName")).contains("LS6");
        } else if (row.isPresent()) {
            assertThat(results).as("shielded: restricted for everyone (%s)", c).contains("Amelia Smith").contains("restricted")
                    .doesNotContain(marks.get("laName")).doesNotContain("LS6");
        }
    }

    private String renderResults(List<ChildSearches.Row> rows) {
        Context context = new Context();
        context.setVariable("rows", rows);
        context.setVariable("form", Map.of());
        context.setVariable("errors", Map.of());
        context.setVariable("mayUseNhsNumber", true);
        context.setVariable("mayUseUpn", true);
        context.setVariable("_csrf", new Csrf());
        context.setVariable("signedIn", true);
        context.setVariable("sessionTimeoutSeconds", 900L);
        return engine.process("search", context);
    }

    /** An archive view: the case (its status ignored), how many days ago the record was archived, a purpose or none. */
    record ArchiveCase(Case c, int daysAgo, DisclosurePolicy.ArchivePurpose purpose) {
    }

    @Provide
    Arbitrary<ArchiveCase> archiveCases() {
        return Combinators.combine(cases(), Arbitraries.oneOf(Arbitraries.integers().between(360, 370),
                        Arbitraries.integers().between(0, 3000)),
                Arbitraries.of(DisclosurePolicy.ArchivePurpose.values()).injectNull(0.4))
                .as(ArchiveCase::new);
    }

    /**
     * The archive's own entry point (ADR 28): an archived record is seen by the data managers of its LA until the
     * first anniversary of its archiving, and by a national administrator with a statutory purpose (past the
     * shield, but not past a sensitive service or the exclusion register); by nobody else, ever.
     */
    @Property(tries = 5_000)
    void noViewerSeesAnArchivedRecordTheRulesHideFromThem(@ForAll("archiveCases") ArchiveCase a) {
        Case c = new Case(RecordStatus.ARCHIVED, a.c().shielded(), a.c().sensitive(), a.c().selfRecorded(), a.c().teamEntry(),
                a.c().viewerKind(), a.c().marker(), a.c().excluded(), false);
        Map<String, String> marks = marks(c.marker());
        LocalDate archivedOn = TODAY.minusDays(a.daysAgo());
        ChildRecord child = child(c, marks, archivedOn);
        Viewer viewer = viewer(c.viewerKind());
        policy.excludedAddresses(addresses -> c.excluded()
                ? java.util.Set.copyOf(addresses.stream().filter(child.address()::equals).toList()) : java.util.Set.of());

        Optional<DisclosedChild> disclosed = policy.applyArchived(child, viewer, a.purpose());
        String page = disclosed.map(this::render).orElse("");

        boolean firstYear = TODAY.isBefore(archivedOn.plusYears(1));
        boolean dataManager = viewer.roles().contains(Role.LA_DATA_MANAGER) && LEEDS.equals(viewer.localAuthority());
        boolean national = viewer.roles().contains(Role.NATIONAL_ADMIN);
        assertThat(disclosed.isPresent()).as("%s, archived %d days ago, purpose %s", viewer.username(), a.daysAgo(), a.purpose())
                .isEqualTo(dataManager && firstYear || national && a.purpose() != null);
        assertThat(policy.apply(child, viewer)).as("never through the live path").isEmpty();
        // what may be seen: as the LA team sees a live record, or (national) as an unshielded live record
        Set<String> allowed = disclosed.isEmpty() ? Set.of()
                : allowed(new Case(RecordStatus.LIVE, false, c.sensitive(), c.selfRecorded(), c.teamEntry(), c.viewerKind(),
                        c.marker(), c.excluded(), false), viewer);
        for (Map.Entry<String, String> mark : marks.entrySet()) {
            if (allowed.contains(mark.getKey())) {
                assertThat(page).as("%s should see %s (%s)", viewer.username(), mark.getKey(), a).contains(mark.getValue());
            } else {
                assertThat(page).as("%s must not see %s (%s)", viewer.username(), mark.getKey(), a).doesNotContain(mark.getValue());
            }
        }
        if (disclosed.isPresent()) {
            assertThat(page).contains("This record is archived");
        }
    }

    /** The oracle: DOMAIN.md sections 2, 4 and 5, written without looking at the policy's code. */
    static Set<String> allowed(Case c, Viewer viewer) {
        Set<String> allowed = new java.util.HashSet<>();
        boolean laTeam = viewer.localAuthority() != null && viewer.localAuthority().equals(LEEDS)
                && viewer.roles().stream().anyMatch(Role::laManagementTeam);
        if (!suppressedForTeam(c, viewer) && (c.status() != RecordStatus.LIVE || (c.breakGlass() && !mayBreakGlass(viewer)))) {
            return allowed;
        }
        boolean practitioner = viewer.roles().contains(Role.PRACTITIONER);
        boolean ownTeamEntry = c.teamEntry() && viewer.organisationId() == 14 && practitioner;
        if (c.shielded() && !laTeam && !c.breakGlass()) {
            // Identity and carers' names only; the viewer's own entries are listed by service and team alone.
            if (ownTeamEntry) {
                allowed.add("teamEntry");
            }
            return allowed;
        }
        allowed.addAll(List.of("formerName", "address", "town", "carerPhone", "carerEmail", "school", "laName", "edtPhone",
                "teamPhone", "worker", "workerPhone", "endedWorker"));
        if (c.teamEntry()) {
            allowed.add("teamEntry");
        }
        if (c.sensitive() && (laTeam || viewer.organisationId() == 12)) {
            allowed.addAll(List.of("sensitiveWorker", "sensitiveOrg", "sensitivePhone", "sensitiveRole"));
        }
        if (c.excluded() && !laTeam) {
            // A refuge or safe house: never shown, not even past a shield.
            allowed.remove("address");
            allowed.remove("town");
        }
        if (viewer.allocatingBodies().contains("NHS")) {
            allowed.add("nhs");
        }
        if (viewer.allocatingBodies().contains("DFE")) {
            allowed.add("upn");
        }
        return allowed;
    }

    /**
     * A suppressed old identity (adoption, protection) is seen, as the LA's team sees a record, by the management
     * team of its LA only, and never through break-glass (DOMAIN.md section 5, ADR 28).
     */
    static boolean suppressedForTeam(Case c, Viewer viewer) {
        return c.status() == RecordStatus.SUPPRESSED && !c.breakGlass() && viewer.localAuthority() != null
                && viewer.localAuthority().equals(LEEDS) && viewer.roles().stream().anyMatch(Role::laManagementTeam);
    }

    /** Break-glass: a practitioner with the child-protection flag, signed in themselves (DOMAIN.md section 5). */
    static boolean mayBreakGlass(Viewer viewer) {
        return viewer.childProtection() && viewer.roles().contains(Role.PRACTITIONER) && viewer.mediation() == null;
    }

    private String renderForCall(DisclosedChild child) {
        Context context = new Context();
        context.setVariable("child", child);
        context.setVariable("maskedLabel", DisclosedInvolvement.MASKED_LABEL);
        context.setVariable("call", new MediatedAccess.Call("caller", "Caller Name", "Clinic",
                uk.contactpoint.access.Mediation.Verification.TOKEN_CODE, "caller on the phone", Instant.parse("2026-11-22T12:00:00Z")));
        context.setVariable("_csrf", new Csrf());
        context.setVariable("signedIn", true);
        context.setVariable("sessionTimeoutSeconds", 900L);
        return engine.process("mediated/record", context);
    }

    private String render(DisclosedChild child) {
        Context context = new Context();
        context.setVariable("child", child);
        context.setVariable("maskedLabel", DisclosedInvolvement.MASKED_LABEL);
        context.setVariable("practitioner", true);
        context.setVariable("_csrf", new Csrf());
        context.setVariable("signedIn", true);
        context.setVariable("sessionTimeoutSeconds", 900L);
        return engine.process("records/record", context);
    }
}
