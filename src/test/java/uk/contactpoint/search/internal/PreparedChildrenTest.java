package uk.contactpoint.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildrenChanged;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.RecordStatus;

class PreparedChildrenTest {

    private final PreparedChildren prepared = new PreparedChildren(new SearchModel(), 2);

    private static ChildForMatching child(long id, String family, boolean shielded) {
        return new ChildForMatching(id, new ContactPointId("100000000017"), "Kira", null, family, List.of(),
                LocalDate.of(2011, 1, 7), Gender.FEMALE, "RM6 4XF", "47 Mount Crescent", "Romford", "E09000002", shielded,
                RecordStatus.LIVE, List.of());
    }

    @Test
    void shouldReuseAChildPreparedEarlierWhileItsFieldsAreTheSame() {
        var first = prepared.of(child(1, "Robinson", false));
        assertThat(prepared.of(child(1, "Robinson", false))).isSameAs(first);
    }

    @Test
    void shouldPrepareAgainWhenTheChildChangedEvenUntold() {
        var first = prepared.of(child(1, "Robinson", false));
        assertThat(prepared.of(child(1, "Robinson", true))).as("shielded since").isNotSameAs(first);
        assertThat(prepared.of(child(1, "Robertson", true))).as("renamed since").isNotSameAs(first);
    }

    @Test
    void shouldForgetChangedChildrenAndKeepNoMoreThanItsCapacity() {
        var first = prepared.of(child(1, "Robinson", false));
        prepared.on(new ChildrenChanged(List.of(1L)));
        assertThat(prepared.size()).isZero();
        assertThat(prepared.of(child(1, "Robinson", false))).isNotSameAs(first);
        prepared.of(child(2, "Robinson", false));
        prepared.of(child(3, "Robinson", false));
        assertThat(prepared.size()).isEqualTo(2);
    }
}
