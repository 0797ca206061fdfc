package uk.contactpoint.directory;

/** How a parent or carer is related to the child. */
public enum Relationship {
    MOTHER("Mother"), FATHER("Father"), STEP_PARENT("Step-parent"), GRANDPARENT("Grandparent"),
    OTHER_RELATIVE("Other relative"), FOSTER_CARER("Foster carer"), SPECIAL_GUARDIAN("Special guardian"),
    LOCAL_AUTHORITY("Local authority (child in care)"), OTHER("Other carer");

    private final String label;

    Relationship(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
