package uk.contactpoint;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Relationship;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.synthetic.FixtureNhsNumbers;

/**
 * Review rows as ingestion leaves them (a batch and its {@code ingest_review} rows), children made to measure
 * for merging, and the viewers who decide. Every call makes fresh rows.
 */
@Component
public class ReviewFixtures {

    public static final String CAMDEN = "E09000007";

    private final JdbcClient jdbc;
    private final Directory directory;

    ReviewFixtures(JdbcClient jdbc, Directory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** A review row of a new batch of this source; returns its id. */
    public long reviewRow(String source, Long candidate, String reason, Double probability, String payload, String rowKey) {
        String sha = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO ingest_batch (source, file_name, sha256, status, started_at)
                        VALUES (:source, 'test.csv', :sha, 'COMPLETED', :now)""")
                .param("source", source).param("sha", sha).param("now", Timestamp.from(Instant.now())).update(keys, "id");
        long batch = keys.getKeyAs(Number.class).longValue();
        GeneratedKeyHolder review = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO ingest_review (batch_id, source, row_no, candidate_child_id, probability, weight, reason,
                            status, payload, row_key)
                        VALUES (:batch, :source, 7, :candidate, :p, 12.5, :reason, 'OPEN', :payload, :key)""")
                .param("batch", batch).param("source", source).param("candidate", candidate, java.sql.Types.BIGINT)
                .param("p", probability, java.sql.Types.DOUBLE).param("reason", reason).param("payload", payload)
                .param("key", rowKey).update(review, "id");
        return review.getKeyAs(Number.class).longValue();
    }

    public static String nhsNumber() {
        return FixtureNhsNumbers.next().value();
    }

    public static String upn() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Upn.of(383, r.nextInt(10_000), r.nextInt(100), r.nextInt(1_000)).value();
    }

    /** A family name no other test uses, so searches find only this test's children. */
    public static String uniqueFamilyName(String stem) {
        StringBuilder s = new StringBuilder(stem);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    /**
     * A Leeds child with a mother (named after the family), one setting, one involvement, one former name and
     * these identifiers.
     */
    public long child(String given, String family, LocalDate dob, boolean shielded, long school, long service,
                      List<SourceIdentifier> identifiers) {
        LocalDate start = LocalDate.of(2024, 9, 1);
        Address home = new Address("12 Merge Road", null, "Leeds", new Postcode("LS6 2AB"));
        NewChild child = new NewChild(ContactPointId.generate(ThreadLocalRandom.current()), new PersonName(given, null, family),
                List.of(new OtherName(OtherName.Kind.FORMER, given, family + "former", "LA", start)), dob, Gender.FEMALE,
                Whereabouts.CURRENT_ADDRESS, home, null, EducationStatus.AT_SCHOOL, new LocalAuthorityCode(TestFixtures.LEEDS),
                shielded,
                List.of(new NewChild.NewCarer(new PersonName("Mona", null, family), Relationship.MOTHER, true, true, home,
                        "07700 900111", null)),
                List.of(new NewChild.NewSetting(uk.contactpoint.directory.Setting.Kind.EDUCATION, school, start, null)),
                List.of(new NewChild.NewInvolvement(uk.contactpoint.directory.ServiceType.SOCIAL_CARE, service,
                        "Pat " + given, null, "Social worker", "0113 496 0101", null, start, null, false, false)),
                identifiers, "LA", start);
        return directory.add(List.of(child)).get(0);
    }

    public static SourceIdentifier nhs(String value) {
        return new SourceIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, value, "NHS_PDS", LocalDate.of(2024, 9, 1));
    }

    public static Viewer viewer(String username, Set<Role> roles, String localAuthority) {
        return new Viewer(ThreadLocalRandom.current().nextLong(1, 1L << 40), username, 1, "Test LA team", "LOCAL_AUTHORITY",
                roles, localAuthority, false, Set.of(), "127.0.0.1", "session");
    }

    public static Viewer dataManager(String localAuthority) {
        return viewer("dm" + ThreadLocalRandom.current().nextLong(1L << 40), Set.of(Role.LA_DATA_MANAGER), localAuthority);
    }
}
