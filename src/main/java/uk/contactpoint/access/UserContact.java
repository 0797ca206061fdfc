package uk.contactpoint.access;

/**
 * How to reach a user: for pre-filling their contact details on what they record, and for telling them
 * what concerns them. Never shown to anyone else unless the user put it on a record themselves.
 */
public record UserContact(long userId, String displayName, String email, String phone) {

    @Override
    public String toString() {
        return "UserContact[userId=" + userId + "]";
    }
}
