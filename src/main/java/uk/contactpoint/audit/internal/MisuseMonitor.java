package uk.contactpoint.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.UserAccounts;

/**
 * Misuse rules over the audit stream. Each rule looks at fixed, aligned windows (an hour, a day, ten
 * minutes), so that running again finds the same windows and the unique key (rule, user, window) keeps one
 * alert per finding. Alerts go to the queue of the user's local authority; the evidence is event ids and
 * counts. Rules:
 * <ul>
 * <li>{@code VOLUME}: searches and views in an hour at least 30 and at least 5 times the user's hourly
 * norm (their last 30 days, over 8 working hours a day);</li>
 * <li>{@code NO_RELATIONSHIP}: 3 or more records viewed in a day that neither the user's organisation works
 * with nor are in the user's LA;</li>
 * <li>{@code SHIELDED_PROBING}: 2 or more shielded records viewed in a day without an involvement;</li>
 * <li>{@code BULK_ACCESS}: 20 or more different children viewed within ten minutes;</li>
 * <li>{@code CONCURRENT_LOGIN}: a completed sign-in from a new address while a session from another
 * address may still be live (less than 10 hours before, no sign-out between);</li>
 * <li>{@code OWN_SURNAME}: a search for the user's own family name (a practitioner looking up their own family).</li>
 * </ul>
 */
@Component
public class MisuseMonitor {

    /** Off in tests and command-line jobs, which run these by hand (another module may enable Spring's scheduling). */
    @org.springframework.beans.factory.annotation.Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private static final Logger log = LoggerFactory.getLogger(MisuseMonitor.class);

    public enum Rule { VOLUME, NO_RELATIONSHIP, SHIELDED_PROBING, BULK_ACCESS, CONCURRENT_LOGIN, OWN_SURNAME }

    static final int VOLUME_MINIMUM = 30;
    static final int VOLUME_FACTOR = 5;
    static final int NO_RELATIONSHIP_PER_DAY = 3;
    static final int SHIELDED_PER_DAY = 2;
    static final int BULK_CHILDREN = 20;
    static final Duration BULK_WINDOW = Duration.ofMinutes(10);
    static final Duration SESSION_LIFETIME = Duration.ofHours(10);

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final Clock clock;
    private final PersonalValueCipher personal;

    MisuseMonitor(JdbcClient jdbc, UserAccounts users, Clock clock, PersonalValueCipher personal) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.personal = personal;
    }

    @Scheduled(fixedDelayString = "${contactpoint.audit.misuse-scan-every:60s}")
    void scheduled() {
        if (!scheduling) {
            return;
        }
        try {
            scan(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Misuse scan failed ({}); retrying at the next run", e.getClass().getSimpleName());
        }
    }

    /** Runs every rule over the windows that end at or before {@code now} and may still be open; returns new alerts. */
    @Transactional
    public int scan(Instant now) {
        int raised = 0;
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        for (Instant start : List.of(hour.minus(1, ChronoUnit.HOURS), hour)) {
            raised += volume(start, start.plus(1, ChronoUnit.HOURS));
        }
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        for (Instant start : List.of(day.minus(1, ChronoUnit.DAYS), day)) {
            raised += noRelationship(start);
            raised += shielded(start);
            raised += ownSurname(start);
        }
        Instant tenMinutes = Instant.ofEpochSecond(now.getEpochSecond() / BULK_WINDOW.toSeconds() * BULK_WINDOW.toSeconds());
        for (int k = 6; k >= 0; k--) {
            raised += bulk(tenMinutes.minus(BULK_WINDOW.multipliedBy(k)));
        }
        raised += concurrentLogins(now.minus(Duration.ofHours(2)), now);
        return raised;
    }

    private record Finding(String user, List<Long> events, long count) {
    }

    private Map<String, Finding> findings(String sql, Map<String, Object> params) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        var spec = jdbc.sql(sql);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        spec.query(rs -> {
            ids.computeIfAbsent(rs.getString("actor"), k -> new ArrayList<>()).add(rs.getLong("id"));
        });
        Map<String, Finding> out = new LinkedHashMap<>();
        ids.forEach((user, list) -> out.put(user, new Finding(user, list, list.size())));
        return out;
    }

    private int volume(Instant from, Instant to) {
        Map<String, Finding> inHour = findings("""
                        SELECT actor, id FROM audit_event WHERE action IN ('SEARCH', 'RECORD_VIEW')
                          AND (client_system IS NULL OR client_system LIKE 'mediated-by:%' OR client_system LIKE 'client:%')
                          AND occurred_at >= :from AND occurred_at < :to ORDER BY id""",
                Map.of("from", Timestamp.from(from), "to", Timestamp.from(to)));
        int raised = 0;
        for (Finding f : inHour.values()) {
            if (f.count() < VOLUME_MINIMUM) {
                continue;
            }
            long history = jdbc.sql("""
                            SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action IN ('SEARCH', 'RECORD_VIEW')
                              AND occurred_at >= :since AND occurred_at < :from""")
                    .param("u", f.user()).param("since", Timestamp.from(from.minus(Duration.ofDays(30))))
                    .param("from", Timestamp.from(from)).query(Long.class).single();
            double norm = history / (30.0 * 8);
            if (f.count() >= VOLUME_FACTOR * norm) {
                raised += raise(Rule.VOLUME, f, from, f.count() + " searches and views in an hour; the user's norm is "
                        + String.format("%.1f", norm) + " an hour");
            }
        }
        return raised;
    }

    private int noRelationship(Instant day) {
        int raised = 0;
        for (Finding f : findings("""
                        SELECT actor, id FROM audit_event WHERE action = 'RECORD_VIEW' AND detail LIKE '%relationship=none%'
                          AND occurred_at >= :from AND occurred_at < :to ORDER BY id""",
                Map.of("from", Timestamp.from(day), "to", Timestamp.from(day.plus(1, ChronoUnit.DAYS)))).values()) {
            if (f.count() >= NO_RELATIONSHIP_PER_DAY) {
                raised += raise(Rule.NO_RELATIONSHIP, f, day, f.count() + " records viewed in a day with no involvement and outside the user's local authority");
            }
        }
        return raised;
    }

    private int shielded(Instant day) {
        int raised = 0;
        for (Finding f : findings("""
                        SELECT actor, id FROM audit_event WHERE action = 'RECORD_VIEW' AND detail LIKE '%shielded=true%'
                          AND detail NOT LIKE '%relationship=involved%' AND occurred_at >= :from AND occurred_at < :to ORDER BY id""",
                Map.of("from", Timestamp.from(day), "to", Timestamp.from(day.plus(1, ChronoUnit.DAYS)))).values()) {
            if (f.count() >= SHIELDED_PER_DAY) {
                raised += raise(Rule.SHIELDED_PROBING, f, day, f.count() + " shielded records viewed in a day without an involvement");
            }
        }
        return raised;
    }

    private int ownSurname(Instant day) {
        Map<String, List<Long>> hits = new LinkedHashMap<>();
        Map<String, java.util.Optional<String>> surnames = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT actor, id, detail, personal FROM audit_event WHERE action = 'SEARCH' AND detail LIKE '%family%'
                          AND occurred_at >= :from AND occurred_at < :to ORDER BY id""")
                .param("from", Timestamp.from(day)).param("to", Timestamp.from(day.plus(1, ChronoUnit.DAYS)))
                .query(rs -> {
                    String actor = rs.getString("actor");
                    // The values searched for are sealed (ADR 30); events written before that kept them in detail.
                    String values = rs.getString("personal") == null ? rs.getString("detail")
                            : personal.open(rs.getString("personal")).orElse("");
                    int at = values.indexOf("family=");
                    if (at < 0) {
                        return;
                    }
                    String family = values.substring(at + 7).split(" ", 2)[0];
                    java.util.Optional<String> own = surnames.computeIfAbsent(actor, users::familyNameOf);
                    if (own.isPresent() && own.get().length() > 1 && own.get().equalsIgnoreCase(family)) {
                        hits.computeIfAbsent(actor, k -> new ArrayList<>()).add(rs.getLong("id"));
                    }
                });
        int raised = 0;
        for (var e : hits.entrySet()) {
            raised += raise(Rule.OWN_SURNAME, new Finding(e.getKey(), e.getValue(), e.getValue().size()), day,
                    e.getValue().size() + " searches in a day for the user's own family name");
        }
        return raised;
    }

    private int bulk(Instant from) {
        Map<String, List<Long>> events = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> children = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT actor, id, child_ids FROM audit_event WHERE action = 'RECORD_VIEW' AND child_ids <> ''
                          AND occurred_at >= :from AND occurred_at < :to ORDER BY id""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(from.plus(BULK_WINDOW)))
                .query(rs -> {
                    events.computeIfAbsent(rs.getString("actor"), k -> new ArrayList<>()).add(rs.getLong("id"));
                    children.computeIfAbsent(rs.getString("actor"), k -> new java.util.HashSet<>())
                            .addAll(List.of(rs.getString("child_ids").split(",")));
                });
        int raised = 0;
        for (var e : children.entrySet()) {
            if (e.getValue().size() >= BULK_CHILDREN) {
                raised += raise(Rule.BULK_ACCESS, new Finding(e.getKey(), events.get(e.getKey()), e.getValue().size()), from,
                        e.getValue().size() + " different children viewed within ten minutes");
            }
        }
        return raised;
    }

    private record Login(long id, String actor, Instant at, String address, String action) {
    }

    private int concurrentLogins(Instant from, Instant to) {
        List<Login> logins = jdbc.sql("""
                        SELECT id, actor, occurred_at, remote_address, action FROM audit_event
                        WHERE ((action = 'LOGIN' AND actor_role LIKE '%FACTOR_PIN_TOTP%') OR action = 'LOGOUT')
                          AND occurred_at >= :since AND occurred_at < :to ORDER BY actor, occurred_at, id""")
                .param("since", Timestamp.from(from.minus(SESSION_LIFETIME))).param("to", Timestamp.from(to))
                .query((rs, n) -> new Login(rs.getLong(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getString(5)))
                .list();
        int raised = 0;
        Login live = null;
        for (Login l : logins) {
            if (live != null && !live.actor().equals(l.actor())) {
                live = null;
            }
            if ("LOGOUT".equals(l.action())) {
                live = null;
                continue;
            }
            if (live != null && l.address() != null && live.address() != null && !l.address().equals(live.address())
                    && l.at().isBefore(live.at().plus(SESSION_LIFETIME)) && !l.at().isBefore(from)) {
                raised += raise(Rule.CONCURRENT_LOGIN, new Finding(l.actor(), List.of(live.id(), l.id()), 2), l.at(),
                        "signed in from a second address while a session from another address may still be live");
            }
            live = l;
        }
        return raised;
    }

    private int raise(Rule rule, Finding f, Instant window, String summary) {
        String ids = f.events().stream().limit(200).map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
        return jdbc.sql("""
                        INSERT INTO misuse_alert (rule, subject_user, subject_la, created_at, window_start, summary, event_ids, status)
                        SELECT CAST(:rule AS VARCHAR(40)), CAST(:user AS VARCHAR(100)), CAST(:la AS VARCHAR(9)),
                               CAST(:now AS TIMESTAMP WITH TIME ZONE), CAST(:window AS TIMESTAMP WITH TIME ZONE),
                               CAST(:summary AS VARCHAR(500)), CAST(:ids AS VARCHAR(4000)), 'OPEN'
                        WHERE NOT EXISTS (SELECT 1 FROM misuse_alert WHERE rule = :rule AND subject_user = :user AND window_start = :window)""")
                .param("rule", rule.name()).param("user", f.user()).param("la", users.localAuthorityOf(f.user()).orElse(null))
                .param("now", Timestamp.from(clock.instant())).param("window", Timestamp.from(window))
                .param("summary", summary).param("ids", ids).update();
    }
}
