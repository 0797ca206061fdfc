package uk.contactpoint.safeguards;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Callers;
import uk.contactpoint.access.Mediation;
import uk.contactpoint.access.Mediation.Verification;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * Mediated access (DOMAIN.md section 7, ADR 0021): an authorised user (the operator) takes a call from a
 * registered practitioner without a computer to hand, checks who is calling (the code on the caller's token,
 * or a call back to the caller's registered number), and then searches and opens records as the caller,
 * bounded by the operator. Every check, pass or fail, is audited with the operator as actor; every search and
 * view of the call is audited with the caller as actor and the operator as client system.
 */
@Service
public class MediatedAccess {

    /** How long a verified call lasts before the caller must be checked again. */
    public static final Duration CALL_LENGTH = Duration.ofMinutes(15);

    static final String NOT_AVAILABLE = "Check the username with the caller. A search for a caller is only for "
            + "registered practitioners whose account is active and whose local authority is live on ContactPoint.";

    /**
     * A verified call, kept in the operator's session until it ends or {@link #CALL_LENGTH} passes. Holds
     * the caller's username, not their account: the account is read again on every request.
     */
    public record Call(String callerUsername, String callerName, String callerOrganisation, Verification verifiedBy,
                       String reason, Instant verifiedAt) implements Serializable {

        public boolean over(Instant now) {
            return !now.isBefore(verifiedAt.plus(CALL_LENGTH));
        }

        public Instant endsAt() {
            return verifiedAt.plus(CALL_LENGTH);
        }

        @Override
        public String toString() {
            return "Call[verifiedBy=" + verifiedBy + "]";
        }
    }

    /** The answer to a look-up or a check: go on, or a message for the operator and the field it is about. */
    public sealed interface Answer permits Found, Verified, Refused {
    }

    /** The caller may be checked: their name, organisation and registered number are shown to the operator. */
    public record Found(Callers.Caller caller) implements Answer {
    }

    public record Verified(Call call) implements Answer {
    }

    public record Refused(String field, String message) implements Answer {
    }

    private final Callers callers;
    private final LocalAuthorities authorities;
    private final AuditLog audit;
    private final Clock clock;

    MediatedAccess(Callers callers, LocalAuthorities authorities, AuditLog audit, Clock clock) {
        this.callers = callers;
        this.authorities = authorities;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who may take a call: practitioners and LA management team members, signed in for themselves. */
    public static boolean mayMediate(Viewer operator) {
        return operator.mediation() == null
                && (operator.has(Role.PRACTITIONER) || operator.roles().stream().anyMatch(Role::laManagementTeam));
    }

    /** The first step: who is calling, why, and how the operator will check them. Refusals are audited. */
    @Transactional
    public Answer lookUp(Viewer operator, String username, Verification how, String reason) {
        Answer answer = check(operator, username, how);
        if (answer instanceof Refused refused) {
            audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), reason, AuditOutcome.REFUSED,
                    "caller=" + clean(username) + ";step=look-up;verifiedBy=" + how.name() + ";refused=" + refused.field());
        }
        return answer;
    }

    /** The second step by token code: the code is checked once only, and a wrong one counts against the caller. */
    @Transactional
    public Answer verifyByCode(Viewer operator, String username, String reason, String code) {
        Answer answer = check(operator, username, Verification.TOKEN_CODE);
        if (!(answer instanceof Found found)) {
            return refusedAfterCheck(operator, username, Verification.TOKEN_CODE, reason, answer);
        }
        Callers.CodeResult result = callers.checkCode(found.caller(), code);
        if (result != Callers.CodeResult.ACCEPTED) {
            audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), reason, AuditOutcome.REFUSED,
                    "caller=" + found.caller().username() + ";step=verify;verifiedBy=TOKEN_CODE;result=" + result.name());
            return new Refused("code", result == Callers.CodeResult.LOCKED
                    ? "The caller's account is now locked after too many wrong codes. They must ask their local authority "
                    + "ContactPoint team to unlock it."
                    : "The code is not right. Ask the caller to read the code their token shows now: each code can be used once only.");
        }
        return verified(operator, found.caller(), Verification.TOKEN_CODE, reason);
    }

    /** The second step by call back: the operator confirms they rang the registered number and spoke to the caller. */
    @Transactional
    public Answer verifyByCallBack(Viewer operator, String username, String reason, boolean rangRegisteredNumber) {
        Answer answer = check(operator, username, Verification.CALL_BACK);
        if (!(answer instanceof Found found)) {
            return refusedAfterCheck(operator, username, Verification.CALL_BACK, reason, answer);
        }
        if (!rangRegisteredNumber) {
            audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), reason, AuditOutcome.REFUSED,
                    "caller=" + found.caller().username() + ";step=verify;verifiedBy=CALL_BACK;result=NOT_CONFIRMED");
            return new Refused("confirmed", "Confirm that you rang the caller's registered number and spoke to them");
        }
        return verified(operator, found.caller(), Verification.CALL_BACK, reason);
    }

    /**
     * The viewer the call's searches and views run as, or empty when the call is over or the caller may no
     * longer use ContactPoint (their account is read again on every request, so a suspension ends the call).
     */
    public Optional<Viewer> viewer(Viewer operator, Call call) {
        if (call == null || call.over(clock.instant()) || !mayMediate(operator)) {
            return Optional.empty();
        }
        return callers.viewerFor(call.callerUsername(), operator, new Mediation(operator.username(),
                operator.organisationName(), operator.roleNames(), call.verifiedBy(), call.reason()));
    }

    /** Ends a call (the operator pressed End call), in the audit log too. */
    @Transactional
    public void end(Viewer operator, Call call) {
        audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), call.reason(), AuditOutcome.SUCCESS,
                "caller=" + call.callerUsername() + ";step=end;verifiedBy=" + call.verifiedBy().name()
                        + (call.over(clock.instant()) ? ";timedOut=true" : ""));
    }

    /**
     * Whether this caller may be checked by this operator now, without writing anything: {@link Found} or
     * {@link Refused}. For showing the caller again on the check page; the checks themselves are audited.
     */
    public Answer check(Viewer operator, String username, Verification how) {
        if (!mayMediate(operator)) {
            return new Refused("username", "Only practitioners and local authority ContactPoint team members can search for a caller");
        }
        if (operator.localAuthority() != null && !live(operator.localAuthority())) {
            return new Refused("username", "Your local authority is not live on ContactPoint yet: you cannot search for a caller until it is");
        }
        Optional<Callers.Caller> found = callers.find(username);
        if (found.isPresent() && found.get().userId() == operator.userId()) {
            return new Refused("username", "You cannot search for yourself as a caller: use Find a child");
        }
        Optional<Callers.Caller> usable = found.filter(Callers.Caller::active)
                .filter(c -> c.roles().contains(Role.PRACTITIONER))
                .filter(c -> c.localAuthority() == null || live(c.localAuthority()));
        if (usable.isEmpty()) {
            return new Refused("username", NOT_AVAILABLE);
        }
        if (how == Verification.CALL_BACK && (usable.get().phone() == null || usable.get().phone().isBlank())) {
            return new Refused("verification", "There is no registered phone number on the caller's account: "
                    + "check them by the code on their security token instead");
        }
        return new Found(usable.get());
    }

    private Answer refusedAfterCheck(Viewer operator, String username, Verification how, String reason, Answer answer) {
        audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), reason, AuditOutcome.REFUSED,
                "caller=" + clean(username) + ";step=verify;verifiedBy=" + how.name() + ";refused="
                        + ((Refused) answer).field());
        return answer;
    }

    private Answer verified(Viewer operator, Callers.Caller caller, Verification how, String reason) {
        audit.record(operator, AuditAction.MEDIATED_CALL, List.of(), reason, AuditOutcome.SUCCESS,
                "caller=" + caller.username() + ";callerOrganisation=" + caller.organisationName()
                        + ";step=verify;verifiedBy=" + how.name() + ";result=VERIFIED");
        return new Verified(new Call(caller.username(), caller.displayName(), caller.organisationName(), how, reason,
                clock.instant()));
    }

    private boolean live(String gss) {
        return authorities.find(new LocalAuthorityCode(gss)).map(la -> la.liveState() == LiveState.PRACTITIONERS_LIVE)
                .orElse(false);
    }

    /** A username as typed, fit for one audit field (it may not be a username at all). */
    private static String clean(String username) {
        String s = username == null ? "" : username.strip();
        s = s.replaceAll("[^A-Za-z0-9._@-]", "?");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
