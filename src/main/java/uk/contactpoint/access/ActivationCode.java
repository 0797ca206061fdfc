package uk.contactpoint.access;

import java.time.Instant;

/**
 * A one-time activation code for a new or reset account: shown once to the administrator, who passes it to
 * the user by a different channel from the username. Only its SHA-256 is stored.
 */
public record ActivationCode(long userId, String username, String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "ActivationCode[userId=" + userId + "]";
    }
}
