package uk.contactpoint.access;

import org.springframework.stereotype.Service;

import uk.contactpoint.access.internal.SecondFactorReentry;

/**
 * A signed-in user proving again, for one sensitive act (break-glass), that they hold their second factor:
 * PIN and a fresh code from their token, checked exactly as at login. A code is accepted once only (a code
 * used to sign in, or to re-authenticate before, is refused), and a wrong PIN or code counts towards the
 * account's second-factor lockout. A user with a security key may use it instead of PIN and code: a signed
 * assertion over a fresh challenge, checked as at login.
 */
@Service
public class Reauthentication {

    /** The outcome of a re-entered second factor. */
    public enum Result { ACCEPTED, REJECTED, LOCKED }

    private final SecondFactorReentry check;
    private final SecurityKeys keys;

    Reauthentication(SecondFactorReentry check, SecurityKeys keys) {
        this.check = check;
        this.keys = keys;
    }

    /** Checks the PIN and code the viewer has just typed against their own account. */
    public Result confirm(Viewer viewer, String pin, String code) {
        return check.check(viewer.userId(), pin, code);
    }

    /**
     * Checks a security key's signed assertion ({@code PublicKeyCredential.toJSON()}) over the challenge this
     * viewer was given for it: one of their own keys, this origin, user verification, a counter moving forward.
     */
    public Result confirmKey(Viewer viewer, String assertionJson, SecurityKeys.RelyingParty rp, String challenge) {
        return check.checkKey(viewer.userId(), () -> challenge != null && assertionJson != null
                && keys.verify(viewer.userId(), assertionJson, rp, challenge));
    }
}
