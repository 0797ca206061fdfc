package uk.contactpoint.linkage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Text folding and the string measures the comparisons use, written to allocate nothing per comparison. */
final class Text {

    private static final Set<String> TITLES = Set.of("mr", "mrs", "miss", "ms", "mx", "dr", "master", "sir",
            "dame", "rev", "prof");

    private Text() {
    }

    /**
     * Folds case, removes diacritics (é -> e, ø -> o), drops apostrophes (O'Brien -> obrien) and turns every
     * other non-alphanumeric character into a single space. Null or nothing left: null.
     */
    static String fold(String text) {
        if (text == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        String s = ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\u2019' || c == '`' || Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            c = foldSpecial(c);
            if (Character.isLetterOrDigit(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(Character.toLowerCase(c));
            } else {
                space = true;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    // Letters that NFD does not decompose.
    private static char foldSpecial(char c) {
        return switch (c) {
            case 'ø', 'Ø' -> 'o';
            case 'ł', 'Ł' -> 'l';
            case 'đ', 'Đ' -> 'd';
            case 'ß' -> 's';
            case 'æ', 'Æ' -> 'a';
            default -> c;
        };
    }

    /** Folded tokens, titles (mr, mrs, dr, ...) removed. */
    static String[] tokens(String text) {
        String folded = fold(text);
        if (folded == null) {
            return new String[0];
        }
        List<String> out = new ArrayList<>(3);
        for (String t : folded.split(" ")) {
            if (!TITLES.contains(t)) {
                out.add(t);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
    static double jaroWinkler(String a, String b) {
        return jaroWinkler(a.toCharArray(), b.toCharArray());
    }

    /** Jaro-Winkler on character arrays: the comparison hot path, no allocation for strings up to 64 chars. */
    static double jaroWinkler(char[] a, char[] b) {
        int la = a.length;
        int lb = b.length;
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        if (la > 64 || lb > 64) {
            return new org.apache.commons.text.similarity.JaroWinklerSimilarity().apply(new String(a), new String(b));
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long matchedA = 0;
        long matchedB = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a[i];
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (b[j] == c && (matchedB & (1L << j)) == 0) {
                    matchedA |= 1L << i;
                    matchedB |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        long restA = matchedA;
        long restB = matchedB;
        while (restA != 0) {
            int i = Long.numberOfTrailingZeros(restA);
            int j = Long.numberOfTrailingZeros(restB);
            if (a[i] != b[j]) {
                transpositions++;
            }
            restA &= restA - 1;
            restB &= restB - 1;
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        int maxPrefix = Math.min(4, Math.min(la, lb));
        while (prefix < maxPrefix && a[prefix] == b[prefix]) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    /**
     * Whether two different strings are one edit apart: one substitution, insertion, deletion or a swap of two
     * adjacent characters (Damerau).
     */
    static boolean oneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1 || a.equals(b)) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (++diffs > 2) {
                        return false;
                    }
                    if (first < 0) {
                        first = i;
                    }
                }
            }
            if (diffs == 1) {
                return true;
            }
            return first + 1 < la && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.regionMatches(first + 2, b, first + 2, la - first - 2);
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }

    /** 64-bit FNV-1a, for blocking keys: a collision only adds a few pairs to a block. */
    static long hash(long seed, String s) {
        long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long hash(long seed, long value) {
        return mix(value * 0x9E3779B97F4A7C15L + seed * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
