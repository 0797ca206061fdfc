package uk.contactpoint.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.Postcode;

/**
 * The public reference data the generator draws from, read from the classpath: forename frequencies by sex
 * and birth year, surname frequencies, the children's services authorities, the postcode districts each
 * reaches and real English postcodes. Everything keeps file order so that a seeded draw is repeatable.
 */
final class ReferenceData {

    static final String AUTHORITIES = "reference/england_153_upper_tier_local_authorities.csv";
    static final String DISTRICTS = "reference/postcode_district_to_local_authority.csv";
    static final String ADDRESSES = "reference/sdglinkage_address_uk.csv";
    static final String FORENAMES = "reference/sdglinkage_firstname_uk.csv";
    static final String SURNAMES = "reference/sdglinkage_lastname_uk.csv";
    static final String AGE_SEX = "reference/ons_mid2023_england_by_sex_age_0_17.csv";
    static final String FORENAME_VARIANTS = "reference/sdglinkage_firstname_uk_variant.csv";
    static final String SURNAME_VARIANTS = "reference/sdglinkage_lastname_uk_variant.csv";

    /** The forename table covers these birth years only; later births use the last year's names. */
    static final int FIRST_NAME_YEAR = 1996;
    static final int LAST_NAME_YEAR = 2018;

    /** A children's services authority as the register names it. */
    record Authority(LocalAuthorityCode code, String name, String officialName, String region) {
    }

    private final Map<String, Authority> authorities;
    private final Map<String, List<String>> districtsByAuthority;
    private final Map<String, List<Postcode>> postcodesByDistrict;
    private final Map<String, WeightedTable> forenames;
    private final WeightedTable surnames;
    private final Map<String, String> registerCodes;
    private final Map<String, Double> populations;
    // ONS mid-2023 counts: [0][age] females, [1][age] males.
    private final long[][] ageSex;
    private final Map<String, String[]> forenameVariants;
    private final Map<String, String[]> surnameVariants;
    private final Map<String, List<Postcode>> postcodeCache = new java.util.concurrent.ConcurrentHashMap<>();

    private ReferenceData(Map<String, Authority> authorities, Map<String, List<String>> districtsByAuthority,
                          Map<String, List<Postcode>> postcodesByDistrict, Map<String, WeightedTable> forenames,
                          WeightedTable surnames, Map<String, String> registerCodes, Map<String, Double> populations,
                          long[][] ageSex, Map<String, String[]> forenameVariants,
                          Map<String, String[]> surnameVariants) {
        this.authorities = authorities;
        this.districtsByAuthority = districtsByAuthority;
        this.postcodesByDistrict = postcodesByDistrict;
        this.forenames = forenames;
        this.surnames = surnames;
        this.registerCodes = registerCodes;
        this.populations = populations;
        this.ageSex = ageSex;
        this.forenameVariants = forenameVariants;
        this.surnameVariants = surnameVariants;
    }

    static ReferenceData fromClasspath() {
        Map<String, Authority> authorities = new LinkedHashMap<>();
        Map<String, String> registerCodes = new HashMap<>();
        Map<String, Double> populations = new HashMap<>();
        read(AUTHORITIES, f -> {
            LocalAuthorityCode code = new LocalAuthorityCode(f.get(1));
            authorities.put(code.value(), new Authority(code, f.get(2), f.get(3), f.get(5)));
            registerCodes.put(f.get(0).strip().toUpperCase(Locale.ROOT), code.value());
            populations.put(code.value(), Double.parseDouble(f.get(6).strip()));
        });
        long[][] ageSex = new long[2][18];
        read(AGE_SEX, f -> ageSex["males".equals(f.get(0).strip()) ? 1 : 0][Integer.parseInt(f.get(4).strip())] =
                Long.parseLong(f.get(5).strip()));
        Map<String, String[]> forenameVariants = variants(FORENAME_VARIANTS);
        Map<String, String[]> surnameVariants = variants(SURNAME_VARIANTS);

        Map<String, List<String>> districts = new HashMap<>();
        read(DISTRICTS, f -> districts.computeIfAbsent(f.get(1).strip(), k -> new ArrayList<>()).add(f.get(0).strip()));

        Map<String, List<Postcode>> postcodes = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        read(ADDRESSES, f -> {
            // The file also holds Scottish, Welsh and Northern Irish postcodes: the directory covers England only.
            if (!"England".equals(f.get(1).strip())) {
                return;
            }
            try {
                Postcode postcode = new Postcode(f.get(0));
                if (seen.add(postcode.value())) {
                    postcodes.computeIfAbsent(postcode.district(), k -> new ArrayList<>()).add(postcode);
                }
            } catch (InvalidValueException malformed) {
                // A source row we cannot use is skipped: the pool is large and any one postcode is replaceable.
            }
        });

        Map<String, List<String>> forenameValues = new HashMap<>();
        Map<String, List<Double>> forenameWeights = new HashMap<>();
        read(FORENAMES, f -> {
            String key = forenameKey("male".equals(f.get(2).strip()) ? Gender.MALE : Gender.FEMALE,
                    Integer.parseInt(f.get(3).strip()));
            forenameValues.computeIfAbsent(key, k -> new ArrayList<>()).add(properCase(f.get(0)));
            forenameWeights.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(f.get(1).strip()));
        });
        Map<String, WeightedTable> forenames = new HashMap<>();
        forenameValues.forEach((key, values) -> forenames.put(key, WeightedTable.of(values, forenameWeights.get(key))));

        List<String> surnameValues = new ArrayList<>();
        List<Double> surnameWeights = new ArrayList<>();
        read(SURNAMES, f -> {
            surnameValues.add(properCase(f.get(0)));
            surnameWeights.add(Double.parseDouble(f.get(1).strip()));
        });

        return new ReferenceData(authorities, districts, postcodes, forenames,
                WeightedTable.of(surnameValues, surnameWeights), registerCodes, populations, ageSex,
                forenameVariants, surnameVariants);
    }

    /** Name to its variants and nicknames, both sides proper-cased; a pair is listed under its first name. */
    private static Map<String, String[]> variants(String resource) {
        Map<String, List<String>> lists = new HashMap<>();
        read(resource, f -> {
            String from = properCase(f.get(0));
            String to = properCase(f.get(1));
            if (!from.equals(to) && !to.isEmpty()) {
                lists.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            }
        });
        Map<String, String[]> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    /** Every children's services authority, in the register's order. */
    List<Authority> authorities() {
        return List.copyOf(authorities.values());
    }

    /** The authority with this GSS code or 3-letter register code (any case), or null. */
    Authority lookup(String gssOrRegisterCode) {
        String key = gssOrRegisterCode.strip().toUpperCase(Locale.ROOT);
        Authority byGss = authorities.get(key);
        if (byGss != null) {
            return byGss;
        }
        String gss = registerCodes.get(key);
        return gss == null ? null : authorities.get(gss);
    }

    /** The authority's 2020 population estimate, the weight for sharing children between authorities. */
    double population(LocalAuthorityCode code) {
        return populations.getOrDefault(code.value(), 0.0);
    }

    /** ONS mid-2023 count of children of that sex (male or not) and single year of age, 0-17. */
    long onsCount(boolean male, int age) {
        return ageSex[male ? 1 : 0][age];
    }

    /** Variants and nicknames of a forename (proper case), or an empty array. */
    String[] forenameVariants(String forename) {
        return forenameVariants.getOrDefault(forename, NO_VARIANTS);
    }

    /** Variant spellings of a surname (proper case), or an empty array. */
    String[] surnameVariants(String surname) {
        return surnameVariants.getOrDefault(surname, NO_VARIANTS);
    }

    private static final String[] NO_VARIANTS = new String[0];

    Authority authority(LocalAuthorityCode code) {
        Authority authority = authorities.get(code.value());
        if (authority == null) {
            throw new IllegalArgumentException("No children's services authority has the code " + code.value());
        }
        return authority;
    }

    /** The postcode districts that reach the authority, in file order. */
    List<String> districts(LocalAuthorityCode code) {
        return List.copyOf(districtsByAuthority.getOrDefault(code.value(), List.of()));
    }

    /** Real English postcodes in the districts that reach the authority. */
    List<Postcode> postcodes(LocalAuthorityCode code) {
        // Cached: the national generator asks for another authority's pool for every child who moved in.
        return postcodeCache.computeIfAbsent(code.value(), k -> {
            List<Postcode> out = new ArrayList<>();
            for (String district : districts(code)) {
                out.addAll(postcodesByDistrict.getOrDefault(district, List.of()));
            }
            return List.copyOf(out);
        });
    }

    /** A forename for a child of that sex born in that year, drawn by its frequency then. */
    String forename(Gender sex, int birthYear, RandomGenerator random) {
        int year = Math.max(FIRST_NAME_YEAR, Math.min(LAST_NAME_YEAR, birthYear));
        return forenames.get(forenameKey(sex == Gender.MALE ? Gender.MALE : Gender.FEMALE, year)).draw(random);
    }

    String surname(RandomGenerator random) {
        return surnames.draw(random);
    }

    /**
     * Capitalises a name from the lower-case source files: each part after a hyphen, apostrophe or space,
     * and the letter after a leading "Mc" ("o'neil" to "O'Neil", "smith-jones" to "Smith-Jones",
     * "mcdonald" to "McDonald").
     */
    static String properCase(String raw) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        int partStart = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean startsPart = i == partStart;
            boolean afterMc = i == partStart + 2 && lower.startsWith("mc", partStart);
            out.append(startsPart || afterMc ? Character.toUpperCase(c) : c);
            if (c == '-' || c == '\'' || c == ' ') {
                partStart = i + 1;
            }
        }
        return out.toString();
    }

    private static String forenameKey(Gender sex, int year) {
        return sex.name() + ':' + year;
    }

    private static void read(String resource, Consumer<List<String>> row) {
        InputStream stream = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("Reference data missing from the classpath: " + resource);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    row.accept(splitCsv(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Splits one line of the reference files: RFC 4180 quoting, no embedded newlines. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** Values drawn in proportion to their weights, by binary search over the running totals. */
    static final class WeightedTable {

        private final String[] values;
        private final double[] cumulative;

        private WeightedTable(String[] values, double[] cumulative) {
            this.values = values;
            this.cumulative = cumulative;
        }

        static WeightedTable of(List<String> values, List<Double> weights) {
            double[] cumulative = new double[weights.size()];
            double total = 0;
            for (int i = 0; i < cumulative.length; i++) {
                total += weights.get(i);
                cumulative[i] = total;
            }
            return new WeightedTable(values.toArray(String[]::new), cumulative);
        }

        String draw(RandomGenerator random) {
            double target = random.nextDouble() * cumulative[cumulative.length - 1];
            int index = Arrays.binarySearch(cumulative, target);
            int at = index >= 0 ? index : -index - 1;
            return values[Math.min(at, values.length - 1)];
        }
    }
}
