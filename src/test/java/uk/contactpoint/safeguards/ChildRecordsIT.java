package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditUnavailableException;

@SpringBootTest
@ActiveProfiles("test")
class ChildRecordsIT {

    @Autowired
    ChildRecords records;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldAuditAViewWithItsReasonBeforeReturningTheRecord() {
        TestFixtures.Child child = fixtures.child(false);
        Viewer viewer = TestFixtures.practitioner(1, "SOCIAL_CARE");

        DisclosedChild seen = records.open(viewer, child.contactPointId(), "new referral").orElseThrow();

        assertThat(seen.address().postcode().value()).isEqualTo("LS6 2AB");
        assertThat(audit.eventsFor(child.id())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.RECORD_VIEW);
            assertThat(e.reason()).isEqualTo("new referral");
            assertThat(e.actor()).isEqualTo("tester");
            assertThat(e.actorRole()).isEqualTo("PRACTITIONER");
            assertThat(e.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DISCLOSED);
            assertThat(e.childIds()).containsExactly(child.id());
        });
    }

    @Test
    void shouldHideAShieldedChildsAddressAndASensitiveServiceThroughTheWholePath() {
        TestFixtures.Child shielded = fixtures.child(true);
        TestFixtures.Child open = fixtures.child(false);
        Viewer viewer = TestFixtures.practitioner(1, "SOCIAL_CARE");

        DisclosedChild restricted = records.open(viewer, shielded.contactPointId(), "check").orElseThrow();
        DisclosedChild masked = records.open(viewer, open.contactPointId(), "check").orElseThrow();

        assertThat(restricted.restricted()).isTrue();
        assertThat(restricted.address()).isNull();
        assertThat(restricted.involvements()).isEmpty();
        assertThat(masked.sensitiveServiceInvolved()).isTrue();
        assertThat(masked.involvements()).filteredOn(DisclosedInvolvement::masked).singleElement()
                .satisfies(i -> assertThat(i.practitionerName()).isNull());
        assertThat(audit.eventsFor(shielded.id())).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("restricted;").contains("shielded=true"));
    }

    @Test
    void shouldReturnNoDataWhenTheAuditWriteFails() {
        TestFixtures.Child child = fixtures.child(false);
        Viewer viewer = TestFixtures.practitioner(1, "SOCIAL_CARE");
        long before = audit.count();
        jdbc.sql("ALTER TABLE audit_event_child RENAME TO audit_event_child_gone").update();
        try {
            assertThatThrownBy(() -> records.open(viewer, child.contactPointId(), "new referral"))
                    .isInstanceOf(AuditUnavailableException.class);
        } finally {
            jdbc.sql("ALTER TABLE audit_event_child_gone RENAME TO audit_event_child").update();
        }
        // The half-written event rolled back with the read: nothing leaked, nothing half-applied.
        assertThat(audit.count()).isEqualTo(before);
        assertThat(audit.eventsFor(child.id())).isEmpty();
    }

    @Test
    void shouldRefuseToOpenARecordWithoutAReason() {
        TestFixtures.Child child = fixtures.child(false);

        assertThatThrownBy(() -> records.open(TestFixtures.practitioner(1, "SOCIAL_CARE"), child.contactPointId(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reason");
        assertThat(audit.eventsFor(child.id())).isEmpty();
    }
}
