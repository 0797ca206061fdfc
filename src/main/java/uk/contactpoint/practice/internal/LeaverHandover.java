package uk.contactpoint.practice.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.UserLeft;
import uk.contactpoint.practice.Involvements;

/** When a user leaves, their involvements pass to their manager or their organisation (after the account change commits). */
@Component
class LeaverHandover {

    private final Involvements involvements;

    LeaverHandover(Involvements involvements) {
        this.involvements = involvements;
    }

    @ApplicationModuleListener
    void on(UserLeft left) {
        involvements.handOver(left);
    }
}
