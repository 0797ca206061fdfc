package uk.contactpoint.directory;

/**
 * The kind of service working with a child. Three kinds are sensitive (DOMAIN.md section 4): recorded
 * only with consent or on the significant-harm ground, and masked from ordinary users.
 */
public enum ServiceType {
    SOCIAL_CARE("Children's social care", false),
    EARLY_HELP("Early help", false),
    HEALTH_VISITING("Health visiting", false),
    SCHOOL_NURSING("School nursing", false),
    SPEECH_AND_LANGUAGE("Speech and language therapy", false),
    EDUCATION_WELFARE("Education welfare", false),
    SPECIAL_EDUCATIONAL_NEEDS("Special educational needs", false),
    YOUTH_JUSTICE("Youth justice", false),
    YOUTH_SERVICE("Youth service", false),
    POLICE("Police", false),
    VOLUNTARY("Voluntary sector service", false),
    SEXUAL_HEALTH("Sexual health", true),
    MENTAL_HEALTH("Mental health", true),
    SUBSTANCE_MISUSE("Substance misuse", true);

    private final String label;
    private final boolean sensitive;

    ServiceType(String label, boolean sensitive) {
        this.label = label;
        this.sensitive = sensitive;
    }

    public String label() {
        return label;
    }

    public boolean sensitive() {
        return sensitive;
    }
}
