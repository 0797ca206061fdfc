package uk.contactpoint.directory;

/** An organisation to add to the directory. */
public record NewOrganisation(OrganisationKind kind, String code, String name, Sector sector, String settingType,
                              Address address, String phone, String email, LocalAuthorityCode localAuthority,
                              boolean accredited) {
}
