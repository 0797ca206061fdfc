package uk.contactpoint.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.ingest.SupplierRegister;
import uk.contactpoint.notify.Notification;

/**
 * Tells the LA teams when a supplier that must supply is overdue (ADR 40): the data managers of each authority the
 * source is supplied for (every authority for a national supplier), once per overdue period. The period is known by
 * the day the batch was due; a new batch moves that day, and a later lapse is a new period with an alert of its own.
 */
@Service
public class OverdueSupplierAlerts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final SupplierRegister suppliers;
    private final LocalAuthorities authorities;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    OverdueSupplierAlerts(SupplierRegister suppliers, LocalAuthorities authorities, UserAccounts accounts,
                          ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.suppliers = suppliers;
        this.authorities = authorities;
        this.accounts = accounts;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Alerts for every overdue period not alerted yet on {@code today}; returns how many periods were alerted. */
    @Transactional
    public int alert(LocalDate today) {
        int alerted = 0;
        for (SupplierRegister.Overdue o : suppliers.overdue(today)) {
            LocalDate due = o.supply().due();
            boolean already = jdbc.sql("""
                            SELECT COUNT(*) FROM supplier_overdue_alert WHERE supplier_code = :code AND source = :source AND due_on = :due""")
                    .param("code", o.supplierCode()).param("source", o.supply().source()).param("due", due)
                    .query(Long.class).single() > 0;
            if (already) {
                continue;
            }
            List<String> las = o.supply().localAuthorities().isEmpty()
                    ? authorities.all().stream().map(LocalAuthority::code).map(c -> c.value()).toList()
                    : o.supply().localAuthorities();
            Map<Long, UserContact> team = new LinkedHashMap<>();
            for (String la : las) {
                accounts.managementTeam(la, Role.LA_DATA_MANAGER).forEach(c -> team.putIfAbsent(c.userId(), c));
            }
            jdbc.sql("""
                            INSERT INTO supplier_overdue_alert (supplier_code, source, due_on, alerted_at, recipients)
                            VALUES (:code, :source, :due, :now, :n)""")
                    .param("code", o.supplierCode()).param("source", o.supply().source()).param("due", due)
                    .param("now", Timestamp.from(clock.instant())).param("n", team.size()).update();
            String body = o.supplierName() + " (" + o.supplierCode() + ") must send " + o.supply().source() + " "
                    + o.supply().frequency().name().toLowerCase(Locale.UK) + " and its next batch was due by "
                    + due.format(DAY) + (o.supply().lastBatchOn() == null ? "; it has sent none yet."
                    : "; its last came on " + o.supply().lastBatchOn().format(DAY) + ".")
                    + " Records it supplies may be out of date. See the data-quality report.";
            for (UserContact c : team.values()) {
                events.publishEvent(new Notification(c.userId(), c.email(), "A data supplier is overdue", body));
            }
            alerted++;
        }
        return alerted;
    }
}
