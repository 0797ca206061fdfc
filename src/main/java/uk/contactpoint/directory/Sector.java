package uk.contactpoint.directory;

/**
 * The sector an organisation works in. It decides which source identifiers its staff may see: health
 * staff see NHS numbers, education staff see UPNs (DOMAIN.md section 2, item 12).
 */
public enum Sector {
    EDUCATION, HEALTH, SOCIAL_CARE, POLICE, YOUTH_JUSTICE, VOLUNTARY, LOCAL_AUTHORITY, NATIONAL
}
