package uk.contactpoint.linkage;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Candidate pairs: the union of several blocking rules over indexed keys, each block capped in size (a block
 * larger than the cap is skipped: a key shared by that many records says little, and its pairs would
 * dominate the run). Pairs are deduplicated across rules. Rules: date of birth + surname code (each surname
 * token too, and the day/month-swapped date); date of birth + forename code; date of birth + surname
 * initial; year of birth + both name codes; both name codes (either order, so swapped names meet);
 * postcode + sex + year of birth; postcode + surname code; each valid identifier.
 */
final class Blocking {

    private Blocking() {
    }

    /** Calls {@code keys} with each blocking key of the record (rule mixed into the key). */
    static void keys(Standardised s, LongConsumer keys) {
        if (s.hasDob() && s.family != null) {
            keys.accept(Text.hash(Text.hash(1, s.dob), s.familyCode));
            for (String code : s.familyTokenCodes) {
                keys.accept(Text.hash(Text.hash(1, s.dob), code));
            }
        }
        if (s.hasDob() && s.forename != null) {
            keys.accept(Text.hash(Text.hash(2, s.dob), s.forenameCode));
        }
        if (s.hasDob() && s.family != null && s.day <= 12 && s.day != s.month) {
            // also indexed under the date with day and month swapped, where it meets that date's first-rule key
            keys.accept(Text.hash(Text.hash(1, swappedDay(s)), s.familyCode));
        }
        if (s.hasDob() && s.forename != null && s.family != null) {
            keys.accept(Text.hash(Text.hash(Text.hash(4, s.year), first(s)), second(s)));
        }
        if (s.hasDob() && s.postcode != null) {
            keys.accept(Text.hash(Text.hash(Text.hash(5, s.year), s.sex), s.postcode));
        }
        for (int i = 0; i < s.idKinds.length; i++) {
            keys.accept(Text.hash(Text.hash(6, s.idKinds[i]), s.idValues[i]));
        }
        if (s.forename != null && s.family != null) {
            keys.accept(Text.hash(Text.hash(7, first(s)), second(s)));
        }
        if (s.hasDob() && s.family != null) {
            keys.accept(Text.hash(Text.hash(9, s.dob), s.family.charAt(0)));
        }
        if (s.postcode != null && s.family != null) {
            keys.accept(Text.hash(Text.hash(8, s.postcode), s.familyCode));
        }
    }

    // The two name codes in a fixed order, so that names swapped between the given and family fields meet.
    private static String first(Standardised s) {
        return s.forenameCode.compareTo(s.familyCode) <= 0 ? s.forenameCode : s.familyCode;
    }

    private static String second(Standardised s) {
        return s.forenameCode.compareTo(s.familyCode) <= 0 ? s.familyCode : s.forenameCode;
    }

    private static int swappedDay(Standardised s) {
        try {
            return (int) java.time.LocalDate.of(s.year, s.day, s.month).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Standardised.NO_DATE;
        }
    }

    /** Distinct candidate pairs {@code (i << 32) | j} with i < j, sorted. */
    static long[] candidatePairs(Standardised[] records, int maxBlockSize) {
        int n = records.length;
        int idBits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
        long idMask = (1L << idBits) - 1;
        long[][] perRecord = new long[n][];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            LongList keys = new LongList(12);
            keys(records[i], keys::add);
            long[] k = keys.toArray();
            for (int j = 0; j < k.length; j++) {
                k[j] = k[j] << idBits | i;
            }
            perRecord[i] = k;
        });
        int total = 0;
        for (long[] k : perRecord) {
            total += k.length;
        }
        long[] entries = new long[total];
        int at = 0;
        for (long[] k : perRecord) {
            System.arraycopy(k, 0, entries, at, k.length);
            at += k.length;
        }
        Arrays.parallelSort(entries);

        LongList pairs = new LongList(Math.max(16, total));
        int start = 0;
        while (start < total) {
            long key = entries[start] >>> idBits;
            int end = start + 1;
            while (end < total && entries[end] >>> idBits == key) {
                end++;
            }
            int size = end - start;
            if (size > 1 && size <= maxBlockSize) {
                for (int x = start; x < end; x++) {
                    int a = (int) (entries[x] & idMask);
                    for (int y = x + 1; y < end; y++) {
                        int b = (int) (entries[y] & idMask);
                        if (a != b) {
                            pairs.add((long) Math.min(a, b) << 32 | Math.max(a, b));
                        }
                    }
                }
            }
            start = end;
        }
        long[] all = pairs.toArray();
        Arrays.parallelSort(all);
        int unique = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[unique++] = all[i];
            }
        }
        return Arrays.copyOf(all, unique);
    }

    /** A growable array of longs. */
    static final class LongList {
        private long[] values;
        private int size;

        LongList(int capacity) {
            values = new long[Math.max(4, capacity)];
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
