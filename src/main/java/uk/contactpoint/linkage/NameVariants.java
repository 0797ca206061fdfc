package uk.contactpoint.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Forename variants and nicknames (bob ~ robert) and surname variants (allen ~ allan) from the ONS-derived
 * sdglinkage tables in {@code reference/}. Names get small ids once, so a comparison is one set lookup.
 */
final class NameVariants {

    static final int NONE = -1;

    private static final NameVariants INSTANCE = new NameVariants();

    private final Map<String, Integer> ids = new HashMap<>();
    private final LongSet forenamePairs = new LongSet();
    private final LongSet surnamePairs = new LongSet();

    private NameVariants() {
        load("/reference/sdglinkage_firstname_uk_variant.csv", forenamePairs);
        load("/reference/sdglinkage_lastname_uk_variant.csv", surnamePairs);
    }

    static NameVariants get() {
        return INSTANCE;
    }

    /** The id of a folded name, or {@link #NONE} when no table knows it. */
    int id(String folded) {
        if (folded == null) {
            return NONE;
        }
        Integer id = ids.get(folded);
        return id == null ? NONE : id;
    }

    boolean forenameVariants(int a, int b) {
        return a != NONE && b != NONE && forenamePairs.contains(key(a, b));
    }

    boolean surnameVariants(int a, int b) {
        return a != NONE && b != NONE && surnamePairs.contains(key(a, b));
    }

    private static long key(int a, int b) {
        // +1 keeps the key away from zero, which the set cannot store
        return ((long) Math.min(a, b) + 1) << 32 | (Math.max(a, b) + 1);
    }

    private void load(String resource, LongSet pairs) {
        try (InputStream in = NameVariants.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing reference data " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.split(",");
                if (parts.length < 2) {
                    continue;
                }
                String a = Text.fold(parts[0].replace("\"", ""));
                String b = Text.fold(parts[1].replace("\"", ""));
                if (a == null || b == null || a.equals(b)) {
                    continue;
                }
                pairs.add(key(intern(a), intern(b)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int intern(String name) {
        return ids.computeIfAbsent(name, n -> ids.size());
    }
}
