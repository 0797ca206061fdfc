package uk.contactpoint.audit.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditOutcome;

/**
 * Records every login, failed login and logout. Runs synchronously: if the event cannot be written, the
 * login fails with it.
 */
@Component
class LoginAuditor {

    private final AuditRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;

    LoginAuditor(AuditRepository repository, TransactionTemplate tx, Clock clock) {
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        // An API call's access token is checked at every call, and the call itself is audited: no login event.
        if (accessToken(event.getAuthentication())) {
            return;
        }
        write(event.getAuthentication(), AuditAction.LOGIN, AuditOutcome.SUCCESS, null);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        Authentication auth = event.getAuthentication();
        if (accessToken(auth)) {
            // The name of a refused token is the token itself: never written down.
            tx.executeWithoutResult(s -> repository.insert(new AuditEvent(clock.instant(), "(access token)", null, null, null,
                    null, null, AuditAction.LOGIN_FAILED, List.of(), null, AuditOutcome.FAILURE,
                    event.getException().getClass().getSimpleName())));
            return;
        }
        write(auth, AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, event.getException().getClass().getSimpleName());
    }

    private static boolean accessToken(Authentication auth) {
        return auth instanceof org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken
                || auth instanceof org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken
                || auth instanceof org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken<?>;
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        write(event.getAuthentication(), AuditAction.LOGOUT, AuditOutcome.SUCCESS, null);
    }

    private void write(Authentication auth, AuditAction action, AuditOutcome outcome, String detail) {
        String address = auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        String role = String.join(",", auth.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList());
        AuditEvent event = new AuditEvent(clock.instant(), auth.getName(), null, role.isEmpty() ? null : role, null,
                address, null, action, List.of(), null, outcome, detail);
        tx.executeWithoutResult(s -> repository.insert(event));
    }
}
