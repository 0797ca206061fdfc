package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;
import uk.contactpoint.audit.internal.AuditSealer;
import uk.contactpoint.audit.internal.PersonalValueCipher;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.search.SearchCriteria;

/**
 * Crypto-shredding of the personal values in audit events (issue 8, ADR 30): a search's parameters are not in
 * any column in clear, the audit log reads them back while the child lives, and once the retention job purges
 * the child they are unreadable for good, while the hash chain over the stored ciphertext still verifies. A
 * search that found no child keeps its parameters under its month's key, shredded when the month is old.
 */
@SpringBootTest
@ActiveProfiles("test")
class AuditPersonalValuesIT {

    @Autowired
    ChildSearches searches;
    @Autowired
    Retention retention;
    @Autowired
    AuditLog audit;
    @Autowired
    PersonalValueCipher cipher;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private static String surname() {
        StringBuilder s = new StringBuilder("Shredby");
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    private long lastSearch(String actor) {
        return jdbc.sql("SELECT MAX(id) FROM audit_event WHERE action = 'SEARCH' AND actor = :a").param("a", actor)
                .query(Long.class).single();
    }

    @Test
    void aSearchesParametersAreSealedReadableWhileTheChildLivesAndUnreadableOnceItIsPurged() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = surname();
        long child = fixtures.child("Gwendolen", family, LocalDate.of(2002, 1, 15), "LS6 2AB", false).id();
        Viewer viewer = TestFixtures.practitioner(fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Shred Clinic"), "HEALTH");

        ChildSearches.Answer answer = searches.search(viewer, new SearchCriteria("Gwendolen", family, LocalDate.of(2002, 1, 15),
                null, null, null));
        assertThat(answer).isInstanceOf(ChildSearches.Found.class);
        long event = lastSearch(viewer.username());
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_event WHERE id = :id").param("id", event).query().singleRow();
        assertThat(row.values()).as("no column holds the name searched for in clear")
                .noneSatisfy(v -> assertThat(String.valueOf(v)).containsIgnoringCase(family));
        assertThat(String.valueOf(row.get("DETAIL") != null ? row.get("DETAIL") : row.get("detail")))
                .contains("fields=given,family,dob").contains("results=1");
        assertThat(audit.personalValues(event)).hasValueSatisfying(v ->
                assertThat(v).contains("given=Gwendolen").contains("family=" + family).contains("dob=2002-01-15"));
        String sealed = jdbc.sql("SELECT personal FROM audit_event WHERE id = :id").param("id", event).query(String.class).single();

        retention.run(LocalDate.of(2020, 1, 15));
        assertThat(audit.personalValues(event)).as("archived, not yet purged: still readable").isPresent();
        retention.run(LocalDate.of(2026, 1, 15));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child WHERE id = :id").param("id", child).query(Long.class).single()).isZero();

        assertThat(audit.personalValues(event)).as("purged: the child's key is destroyed").isEmpty();
        assertThat(jdbc.sql("SELECT personal FROM audit_event WHERE id = :id").param("id", event).query(String.class).single())
                .as("the event itself is untouched").isEqualTo(sealed);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_subject_key WHERE subject = :s AND wrapped IS NULL AND destroyed_at IS NOT NULL")
                .param("s", "child:" + child).query(Long.class).single()).as("no key material is left").isEqualTo(1);
        sealer.seal(true);
        AuditVerification verified = verifier.verify(sealer.exportDir());
        assertThat(verified.intact()).as(verified.problem()).isTrue();
    }

    @Test
    void aSearchThatFoundNoChildIsKeptUnderItsMonthsKeyAndShreddedWhenTheMonthIsOld() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = surname();
        Viewer viewer = TestFixtures.practitioner(fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Shred Surgery"), "HEALTH");
        searches.search(viewer, new SearchCriteria(null, family, LocalDate.of(2016, 4, 4), "LS6 2AB", null, null));
        long event = lastSearch(viewer.username());
        assertThat(audit.personalValues(event)).hasValueSatisfying(v -> assertThat(v).contains("family=" + family).contains("postcode=LS6 2AB"));
        assertThat(jdbc.sql("SELECT personal FROM audit_event WHERE id = :id").param("id", event).query(String.class).single())
                .contains(";period:");

        // An event of a month long gone (written with its own time), so that shredding it touches no other test's.
        long old = tx.execute(s -> audit.record(new AuditEvent(Instant.parse("2019-03-10T10:00:00Z"), viewer.username(), "Org",
                "PRACTITIONER", null, "127.0.0.1", "s", AuditAction.SEARCH, List.of(), null, AuditOutcome.NOTHING_DISCLOSED,
                "search: fields=family,dob results=0"), "family=" + family + " dob=2016-04-04"));
        assertThat(audit.personalValues(old)).isPresent();
        tx.executeWithoutResult(s -> cipher.forgetMonthsBefore(YearMonth.of(2019, 3)));
        assertThat(audit.personalValues(old)).as("its month is not before March 2019").isPresent();
        tx.executeWithoutResult(s -> cipher.forgetMonthsBefore(YearMonth.of(2019, 4)));
        assertThat(audit.personalValues(old)).isEmpty();
        assertThat(audit.personalValues(event)).as("this month's key is kept").isPresent();
    }
}
