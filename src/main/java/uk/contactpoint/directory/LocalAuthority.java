package uk.contactpoint.directory;

/**
 * A children's services authority: identified by its GSS code, with the 3-letter register code as an
 * alias, and the emergency duty team number a record shows for out-of-hours brokering.
 */
public record LocalAuthority(LocalAuthorityCode code, String registerCode, String name, String officialName,
                             String type, String region, Integer population, String emergencyDutyPhone,
                             LiveState liveState) {
}
