package uk.contactpoint.directory;

/**
 * A children's services authority: identified by its GSS code, with the 3-letter register code as an
 * alias, the numbers a record shows for brokering contact (its ContactPoint team in office hours, its
 * emergency duty team out of hours) and how far it has gone live.
 */
public record LocalAuthority(LocalAuthorityCode code, String registerCode, String name, String officialName,
                             String type, String region, Integer population, String emergencyDutyPhone,
                             LiveState liveState, String contactPointTeamPhone) {
}
