package uk.contactpoint.synthetic;

import java.util.concurrent.atomic.AtomicReferenceArray;

import uk.contactpoint.directory.NhsNumber;

/**
 * Identifiers for synthetic children that are unique by construction, so that chunks generated in parallel
 * never need to consult each other (see docs/adr/0007-synthetic-identifiers.md).
 *
 * <p>NHS numbers: the {@code n}th child gets the {@code n mod 900,000}th valid number of a fixed, scrambled
 * order of the 10^6 bodies of block {@code n / 900,000}, whose prefix is 999, then 998, 997... Every prefix
 * used starts with 9, a range the NHS has never issued; the first block, and so every demo population, stays
 * in the reserved 999 test range.
 */
final class SyntheticIdentifiers {

    /** Fewer than the ~909,000 valid bodies of any prefix, so that every block has room. */
    static final int PER_BLOCK = 900_000;
    /** Prefixes 999 down to 900. */
    static final int BLOCKS = 100;
    static final long CAPACITY = (long) PER_BLOCK * BLOCKS;

    // An odd multiplier not divisible by 5 is a bijection on 0..999,999: consecutive children get unrelated
    // numbers, as real ones do, yet the order is fixed.
    private static final long SCRAMBLE = 738_163;
    private static final int BODIES = 1_000_000;

    private static final AtomicReferenceArray<int[]> TABLES = new AtomicReferenceArray<>(BLOCKS);

    private SyntheticIdentifiers() {
    }

    /** The NHS number (10 digits) of the synthetic identity with this index, 0 to {@link #CAPACITY} - 1. */
    static String nhsNumber(long index) {
        if (index < 0 || index >= CAPACITY) {
            throw new IllegalArgumentException("synthetic NHS number index out of range: " + index);
        }
        int block = (int) (index / PER_BLOCK);
        int prefix = 999 - block;
        int body = table(block, prefix)[(int) (index % PER_BLOCK)];
        long nine = prefix * 1_000_000L + body;
        return appendCheck(nine);
    }

    static NhsNumber nhs(long index) {
        return new NhsNumber(nhsNumber(index));
    }

    private static int[] table(int block, int prefix) {
        int[] table = TABLES.get(block);
        if (table != null) {
            return table;
        }
        int[] bodies = new int[PER_BLOCK];
        int filled = 0;
        for (long k = 0; k < BODIES && filled < PER_BLOCK; k++) {
            int body = (int) ((k * SCRAMBLE + 271_828) % BODIES);
            if (checkDigit(prefix * 1_000_000L + body) != 10) {
                bodies[filled++] = body;
            }
        }
        TABLES.compareAndSet(block, null, bodies);
        return TABLES.get(block);
    }

    /** Modulus 11 over the nine digits; 10 means no valid number has this body. */
    static int checkDigit(long nine) {
        int sum = 0;
        long rest = nine;
        for (int weight = 2; weight <= 10; weight++) {
            sum += (int) (rest % 10) * weight;
            rest /= 10;
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    private static String appendCheck(long nine) {
        char[] out = new char[10];
        long rest = nine;
        for (int i = 8; i >= 0; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        out[9] = (char) ('0' + checkDigit(nine));
        return new String(out);
    }

    /** The same number with a check digit that does not match, for malformed feed rows. */
    static String withWrongCheckDigit(String nhs) {
        char last = nhs.charAt(9);
        return nhs.substring(0, 9) + (char) (last == '9' ? '0' : last + 1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // UPNs, built without String.format: this runs once per pupil.

    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /** A permanent UPN: check letter, LA number (3), establishment (4), year (2), serial (3). */
    static String upn(int laNumber, int establishment, int year2, int serial) {
        char[] out = new char[13];
        put(out, 1, laNumber, 3);
        put(out, 4, establishment, 4);
        put(out, 8, year2, 2);
        put(out, 10, serial, 3);
        int sum = 0;
        for (int i = 1; i < 13; i++) {
            sum += (out[i] - '0') * (i + 1);
        }
        out[0] = CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /**
     * A National Insurance number with the prefix QQ, which HMRC never issues (Q is not used as a first or
     * second letter), so a synthetic claimant can never be a real person.
     */
    static String nino(long key) {
        long digits = Math.floorMod(key * 2_654_435_761L, 1_000_000L);
        char[] out = {'Q', 'Q', '0', '0', '0', '0', '0', '0', (char) ('A' + Math.floorMod(key, 4))};
        put(out, 2, (int) digits, 6);
        return new String(out);
    }
}
