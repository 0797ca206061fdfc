package uk.contactpoint.synthetic;

import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

import uk.contactpoint.directory.NhsNumber;

/**
 * NHS numbers for test fixtures: valid, in the reserved 999 range, never held by a demo population of any
 * size the seeder allows (so a fixture never collides with demo children seeded into a shared test database),
 * and never handed out twice in one test run.
 */
public final class FixtureNhsNumbers {

    private static final BitSet TAKEN = generated();

    private FixtureNhsNumbers() {
    }

    /** A fresh fixture number. */
    public static synchronized NhsNumber next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            NhsNumber candidate = NhsNumber.synthetic(random);
            int body = Integer.parseInt(candidate.value().substring(3, 9));
            if (!TAKEN.get(body)) {
                TAKEN.set(body);
                return candidate;
            }
        }
    }

    /** The 999 bodies that demo populations up to the seeder's maximum use. */
    private static BitSet generated() {
        BitSet taken = new BitSet(1_000_000);
        for (int i = 0; i < DemoPopulation.MAX_CHILDREN; i++) {
            taken.set(Integer.parseInt(SyntheticIdentifiers.nhsNumber(i).substring(3, 9)));
        }
        return taken;
    }
}
