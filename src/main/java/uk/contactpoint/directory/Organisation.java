package uk.contactpoint.directory;

/**
 * A school or other education setting (code: URN), GP practice (code: ODS code), service, local
 * authority (code: GSS code) or national partner.
 */
public record Organisation(long id, OrganisationKind kind, String code, String name, Sector sector,
                           String settingType, Address address, String phone, String email,
                           String localAuthority) {
}
