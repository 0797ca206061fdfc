package uk.contactpoint.directory;

import java.util.Objects;

/** A person's name: given name, middle names (may be empty) and family name. */
public record PersonName(String given, String middle, String family) {

    public PersonName {
        Objects.requireNonNull(family, "family name");
    }

    public String full() {
        StringBuilder s = new StringBuilder();
        if (given != null && !given.isBlank()) s.append(given).append(' ');
        if (middle != null && !middle.isBlank()) s.append(middle).append(' ');
        return s.append(family).toString();
    }
}
