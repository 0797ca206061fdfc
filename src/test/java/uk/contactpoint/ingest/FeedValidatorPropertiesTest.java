package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Whatever a supplier sends in a row, validation answers with a record or a reject, never an exception. */
class FeedValidatorPropertiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @Property
    void shouldAnswerEveryRowWithARecordOrAReject(@ForAll FeedSource source,
            @ForAll @Size(max = 30) List<String> fields) {
        FeedRow row = new FeedValidator(source, TODAY).validate(7, fields.toArray(String[]::new));

        assertThat(row.row()).isEqualTo(7);
        if (fields.size() != source.header().size()) {
            assertThat(row).isEqualTo(new Reject(7, "row", "has " + fields.size() + " fields where the "
                    + source.cliName() + " header has " + source.header().size()
                    + ": check for a lost field or an unquoted comma"));
        }
    }

    @Property
    void shouldAnswerRowsOfTheRightWidthWithoutThrowing(@ForAll FeedSource source,
            @ForAll @Size(min = 30, max = 30) List<@net.jqwik.api.constraints.StringLength(max = 12) String> pool) {
        String[] fields = pool.subList(0, source.header().size()).toArray(String[]::new);

        FeedRow row = new FeedValidator(source, TODAY).validate(1, fields);

        assertThat(row).isInstanceOfAny(FeedRecord.class, Reject.class);
    }
}
