package uk.contactpoint.directory;

/** The stages in which an LA goes live (DOMAIN.md section 5). Practitioners search only at PRACTITIONERS_LIVE. */
public enum LiveState {
    NOT_STARTED, DATA_LOADED, SHIELDING_DONE, MANAGEMENT_TEAM_LIVE, PRACTITIONERS_LIVE
}
