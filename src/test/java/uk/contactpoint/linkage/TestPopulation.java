package uk.contactpoint.linkage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small synthetic population of families for tests: each child has two records (two sources) with
 * occasional typos and gaps; one family in ten has twins (same date of birth, surname, address and, in half
 * of them, sex).
 */
final class TestPopulation {

    private static final String[] FORENAMES = {"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie",
        "Muhammad", "Thomas", "Oscar", "William", "James", "Henry", "Leo", "Alfie", "Joshua", "Freddie", "Archie",
        "Ethan", "Isaac", "Alexander", "Joseph", "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Mohammed",
        "Logan", "Olivia", "Amelia", "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily", "Evie",
        "Sophia", "Grace", "Ivy", "Freya", "Harper", "Charlotte", "Florence", "Scarlett", "Chloe", "Daisy",
        "Sienna", "Phoebe", "Ruby", "Matilda", "Willow", "Elsie", "Rosie", "Esme", "Alice"};
    private static final String[] SURNAMES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
        "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
        "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis",
        "Rodriguez", "Cox", "Alexander", "Garden", "Campbell", "Johnston", "Moore", "Smyth", "Oneill", "Doherty",
        "Stewart", "Quinn", "Murphy", "Graham", "Mclaughlin", "Hamilton", "Murray", "Hughes", "Robertson",
        "Thomson", "Scott", "Macdonald", "Reid", "Clark", "Ross", "Young", "Watson", "Paterson", "Morrison",
        "Ahmed", "Begum"};
    private static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Park Avenue",
        "Victoria Road", "Green Lane", "Manor Road", "Kings Road", "Queens Road", "Mill Lane"};

    record Person(int child, boolean twin, int twinOf) {
    }

    final List<LinkageRecord> records = new ArrayList<>();
    final List<Integer> truth = new ArrayList<>();
    /** Pairs of child numbers that are twins. */
    final List<int[]> twins = new ArrayList<>();

    TestPopulation(int families, long seed, boolean nhsNumbers) {
        SplittableRandom random = new SplittableRandom(seed);
        int child = 0;
        for (int f = 0; f < families; f++) {
            String surname = pick(SURNAMES, random);
            String postcode = "LS" + (1 + random.nextInt(28)) + " " + (1 + random.nextInt(9))
                    + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            String address = (1 + random.nextInt(200)) + " " + pick(STREETS, random);
            int children = 1 + random.nextInt(3);
            boolean twins = random.nextInt(10) == 0;
            LocalDate dob = null;
            for (int c = 0; c < children + (twins ? 1 : 0); c++) {
                boolean isTwin = twins && c == children;
                if (!isTwin) {
                    dob = LocalDate.of(2008, 1, 1).plusDays(random.nextInt(6000));
                } else {
                    this.twins.add(new int[] {child - 1, child});
                }
                String forename = pick(FORENAMES, random);
                if (isTwin) {
                    String sibling = records.get(records.size() - 1).givenName();
                    while (forename.equals(sibling) || Text.jaroWinkler(Text.fold(forename), Text.fold(sibling)) > 0.85) {
                        forename = pick(FORENAMES, random);
                    }
                }
                Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
                if (isTwin && random.nextBoolean()) {
                    sex = records.get(records.size() - 1).sex();
                }
                String nhs = nhsNumbers ? nhsNumber(random) : null;
                for (int source = 0; source < 2; source++) {
                    String given = forename;
                    String family = surname;
                    LocalDate date = dob;
                    String pc = postcode;
                    if (source == 1) {
                        if (random.nextInt(10) == 0) {
                            given = typo(given, random);
                        }
                        if (random.nextInt(10) == 0) {
                            family = typo(family, random);
                        }
                        if (random.nextInt(20) == 0 && date.getDayOfMonth() <= 12) {
                            date = LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
                        }
                        if (random.nextInt(10) == 0) {
                            pc = null;
                        }
                    }
                    List<Identifier> ids = nhs == null ? List.of() : List.of(new Identifier("nhs_number", nhs));
                    records.add(new LinkageRecord("c" + child + "s" + source, given, family, date, sex, pc, address,
                            "Leeds", ids));
                    truth.add(child);
                }
                child++;
            }
        }
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private static String typo(String s, SplittableRandom random) {
        int i = 1 + random.nextInt(s.length() - 2);
        char[] c = s.toCharArray();
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    /** A valid NHS number in the 999 range that is never issued. */
    static String nhsNumber(SplittableRandom random) {
        while (true) {
            String digits = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return digits + check;
            }
        }
    }
}
