package uk.contactpoint.access;

/**
 * What a user may do (DOMAIN.md section 7). One person may hold several of the LA management team's
 * sub-roles.
 */
public enum Role {
    PRACTITIONER("Practitioner", false),
    LA_USER_ADMIN("LA management team: user administration", true),
    LA_DATA_MANAGER("LA management team: data manager", true),
    LA_SHIELDING_OFFICER("LA management team: shielding officer", true),
    LA_AUDITOR("LA management team: auditor", true),
    NATIONAL_PARTNER_MANAGER("National partner management team", false),
    ORGANISATION_ADMIN("Delegated organisation administrator", false),
    NATIONAL_ADMIN("National administrator", false),
    DATA_SUPPLIER("Data supplier (machine)", false),
    CMS_CLIENT("Case management system (machine)", false);

    private final String label;
    private final boolean laManagementTeam;

    Role(String label, boolean laManagementTeam) {
        this.label = label;
        this.laManagementTeam = laManagementTeam;
    }

    public String label() {
        return label;
    }

    /** Whether this role makes its holder a member of an LA's ContactPoint management team. */
    public boolean laManagementTeam() {
        return laManagementTeam;
    }

    /** The Spring Security authority name of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
