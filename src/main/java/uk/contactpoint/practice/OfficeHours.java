package uk.contactpoint.practice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;

import uk.contactpoint.safeguards.WorkingDays;

/**
 * When an LA's ContactPoint team works brokering requests (DOMAIN.md section 4, ADR 27): Monday to Friday,
 * 09:00 to 17:00 in Europe/London, English bank holidays excepted. Outside those hours the record sends
 * practitioners to the responsible LA's emergency duty team. Read through the application's clock, so that
 * tests can move time.
 */
@Component
public class OfficeHours {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(17, 0);

    private final Clock clock;

    public OfficeHours(Clock clock) {
        this.clock = clock;
    }

    /** Whether the LA teams are at work now. */
    public boolean open() {
        return open(clock.instant());
    }

    /** Whether an instant falls in office hours: a working day in England, from 09:00 up to (not at) 17:00 London time. */
    public static boolean open(Instant at) {
        ZonedDateTime london = at.atZone(LONDON);
        LocalTime time = london.toLocalTime();
        return WorkingDays.isWorkingDay(london.toLocalDate()) && !time.isBefore(OPENS) && time.isBefore(CLOSES);
    }
}
