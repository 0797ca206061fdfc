package uk.contactpoint.synthetic;

import java.time.LocalDate;
import java.util.List;

import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;

/**
 * The children the demo seeder puts in the directory for a seed, size, authorities and day, regenerated: the truth a
 * test checks a report against (the same seed gives the same children).
 */
public final class DemoTruth {

    private DemoTruth() {
    }

    public static List<NewChild> children(List<LocalAuthorityCode> authorities, int children, long seed, LocalDate today) {
        return DemoPopulation.generate(ReferenceData.fromClasspath(), authorities, children, seed, today).children();
    }
}
