package uk.contactpoint.access.internal;

/** The stored second factor of a user: PIN hash, encrypted TOTP secret, last accepted step, lockout. */
record SecondFactorState(String pinHash, String totpSecret, long lastStep, boolean locked) {

    @Override
    public String toString() {
        return "SecondFactorState[locked=" + locked + "]";
    }
}
