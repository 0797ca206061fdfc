package uk.contactpoint.safeguards;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * An LA goes live in stages (DOMAIN.md section 4): data loaded, shielding done, management team live,
 * practitioners live. National administrators move an LA one stage at a time, forward, or back to any
 * earlier stage (to stop practitioners searching at once); each move is audited. Practitioners search only
 * in a live LA, and national searches show a not-live LA's children to national administrators only.
 */
@Service
public class GoLive {

    private final LocalAuthorities authorities;
    private final AuditLog audit;

    GoLive(LocalAuthorities authorities, AuditLog audit) {
        this.authorities = authorities;
        this.audit = audit;
    }

    public static boolean manages(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN);
    }

    public List<LocalAuthority> all() {
        return authorities.all();
    }

    /** The next stage, or null when the LA is fully live. */
    public static LiveState next(LiveState state) {
        LiveState[] all = LiveState.values();
        return state.ordinal() + 1 < all.length ? all[state.ordinal() + 1] : null;
    }

    /**
     * Moves an LA to a stage: the next one, or any earlier one.
     *
     * @throws IllegalArgumentException when the move skips a stage
     */
    @Transactional
    public void move(Viewer viewer, LocalAuthorityCode code, LiveState to) {
        if (!manages(viewer)) {
            throw new IllegalArgumentException("Only national administrators move local authorities between go-live stages");
        }
        LocalAuthority la = authorities.find(code).orElseThrow(() -> new IllegalArgumentException("No such local authority"));
        if (to.ordinal() > la.liveState().ordinal() + 1) {
            throw new IllegalArgumentException(la.name() + " is at " + la.liveState() + ": the next stage is " + next(la.liveState()));
        }
        authorities.update(code, la.emergencyDutyPhone(), to);
        audit.record(viewer, AuditAction.ADMIN, List.of(), null, AuditOutcome.SUCCESS,
                "go-live " + code.value() + " " + la.liveState() + " -> " + to);
    }
}
