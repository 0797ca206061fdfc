package uk.contactpoint.directory;

/** What an organisation is, as far as the directory cares. */
public enum OrganisationKind {
    LOCAL_AUTHORITY, EDUCATION_SETTING, GP_PRACTICE, SERVICE, NATIONAL_PARTNER, DATA_SUPPLIER
}
