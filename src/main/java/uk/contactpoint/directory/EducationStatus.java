package uk.contactpoint.directory;

/** The child's education status where known, so that the missing-education report is right. */
public enum EducationStatus {
    AT_SCHOOL("At a school"),
    ELECTIVELY_HOME_EDUCATED("Electively home educated"),
    INDEPENDENT_SCHOOL("At an independent school"),
    LEFT_ENGLAND("Left England"),
    NOT_IN_EDUCATION("Not in education"),
    UNKNOWN("Not known");

    private final String label;

    EducationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
