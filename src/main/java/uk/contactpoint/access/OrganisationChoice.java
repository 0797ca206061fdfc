package uk.contactpoint.access;

/** An organisation an administrator may put a user in. */
public record OrganisationChoice(long id, String name, String localAuthority, boolean accredited) {
}
