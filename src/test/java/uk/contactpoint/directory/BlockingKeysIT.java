package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;

/** The blocking-key index: stored per child, replaced as a whole, found by shared keys, weak keys skipped. */
@SpringBootTest
@ActiveProfiles("test")
class BlockingKeysIT {

    @Autowired
    Directory directory;
    @Autowired
    TestFixtures fixtures;

    @Test
    void shouldFindChildrenBySharedKeysMostSharedFirstAndSkipKeysOverTheCap() {
        long a = fixtures.child(false).id();
        long b = fixtures.child(false).id();
        long salt = System.nanoTime() * 31;
        directory.replaceBlockingKeys(Map.of(a, new long[] {salt + 1, salt + 2, salt + 3}, b, new long[] {salt + 1, salt + 4}));

        assertThat(directory.candidates(new long[] {salt + 1, salt + 2}, 10, 10)).containsExactly(a, b);
        assertThat(directory.candidates(new long[] {salt + 4}, 10, 10)).containsExactly(b);
        assertThat(directory.candidates(new long[] {salt + 1}, 1, 10)).as("a key shared by 2 children, cap 1").isEmpty();

        directory.replaceBlockingKeys(Map.of(a, new long[] {salt + 9}));
        assertThat(directory.candidates(new long[] {salt + 2}, 10, 10)).as("old keys replaced").isEmpty();
        assertThat(directory.candidates(new long[] {salt + 9}, 10, 10)).containsExactly(a);

        List<ChildForMatching> loaded = directory.forMatching(List.of(a));
        assertThat(loaded).singleElement().satisfies(c -> {
            assertThat(c.familyName()).isEqualTo("Quixley");
            assertThat(c.postcode()).isEqualTo("LS6 2AB");
            assertThat(c.identifiers()).extracting(SourceIdentifier::scheme).containsExactly(SourceIdentifier.Scheme.NHS_NUMBER);
        });
    }
}
