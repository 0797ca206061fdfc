package uk.contactpoint.directory.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * The 153 children's services authorities. Loaded from the reference data in the jar on first start (in
 * every profile: it is reference data, not demo data), then read from the database and cached, since
 * nearly every request needs an LA and the table changes only by administrative act. A change made on this node
 * refreshes the cache at its commit; one made on another node is read within
 * {@code contactpoint.local-authorities.refresh} (default 30 s), when the cache is next used after that long.
 */
@Repository
public class LocalAuthorityRepository {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthorityRepository.class);
    static final String REFERENCE = "reference/england_153_upper_tier_local_authorities.csv";

    private final JdbcClient jdbc;
    private final Map<String, LocalAuthority> byGss = new ConcurrentHashMap<>();
    private final long refreshNanos;
    private volatile long refreshedAt;

    LocalAuthorityRepository(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx,
                             @org.springframework.beans.factory.annotation.Value("${contactpoint.local-authorities.refresh:30s}")
                             java.time.Duration refresh) {
        this.jdbc = jdbc;
        this.refreshNanos = refresh.toNanos();
        tx.executeWithoutResult(s -> loadReferenceDataIfEmpty(template));
        refresh();
    }

    private void loadReferenceDataIfEmpty(JdbcTemplate template) {
        long existing = jdbc.sql("SELECT COUNT(*) FROM local_authority").query(Long.class).single();
        if (existing > 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(REFERENCE).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                List<String> f = Csv.split(line);
                String gss = new LocalAuthorityCode(f.get(1)).value();
                Integer population = f.get(6).isBlank() ? null : (int) Double.parseDouble(f.get(6));
                rows.add(new Object[] {gss, f.get(0), f.get(2), f.get(3), f.get(4), f.get(5), population});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + REFERENCE, e);
        }
        template.batchUpdate("""
                INSERT INTO local_authority (gss_code, register_code, name, official_name, la_type, region, population_2020)
                VALUES (?,?,?,?,?,?,?)""", rows);
        log.info("Loaded {} local authorities from reference data", rows.size());
    }

    public void refresh() {
        Map<String, LocalAuthority> fresh = new ConcurrentHashMap<>();
        jdbc.sql("SELECT * FROM local_authority").query((rs, n) -> new LocalAuthority(
                new LocalAuthorityCode(rs.getString("gss_code")), rs.getString("register_code"), rs.getString("name"),
                rs.getString("official_name"), rs.getString("la_type"), rs.getString("region"),
                (Integer) rs.getObject("population_2020", Integer.class), rs.getString("emergency_duty_phone"),
                LiveState.valueOf(rs.getString("live_state")), rs.getString("contactpoint_team_phone"))).list()
                .forEach(la -> fresh.put(la.code().value(), la));
        byGss.putAll(fresh);
        byGss.keySet().retainAll(fresh.keySet());
        refreshedAt = System.nanoTime();
    }

    /** Another node may have changed an authority (gone live, a new phone number): re-read after a while. */
    private void refreshIfStale() {
        if (System.nanoTime() - refreshedAt > refreshNanos) {
            synchronized (this) {
                if (System.nanoTime() - refreshedAt > refreshNanos) {
                    refresh();
                }
            }
        }
    }

    public Optional<LocalAuthority> find(String gss) {
        refreshIfStale();
        return Optional.ofNullable(byGss.get(gss));
    }

    public List<LocalAuthority> all() {
        refreshIfStale();
        return byGss.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public void update(LocalAuthorityCode code, String emergencyDutyPhone, LiveState state) {
        jdbc.sql("UPDATE local_authority SET emergency_duty_phone = :phone, live_state = :state WHERE gss_code = :gss")
                .param("phone", emergencyDutyPhone).param("state", state.name()).param("gss", code.value()).update();
        refreshAfterCommit();
    }

    public void updateTeamPhone(LocalAuthorityCode code, String teamPhone) {
        jdbc.sql("UPDATE local_authority SET contactpoint_team_phone = :phone WHERE gss_code = :gss")
                .param("phone", teamPhone).param("gss", code.value()).update();
        refreshAfterCommit();
    }

    public void updatePhones(LocalAuthorityCode code, String teamPhone, String emergencyDutyPhone) {
        jdbc.sql("UPDATE local_authority SET contactpoint_team_phone = :team, emergency_duty_phone = :edt WHERE gss_code = :gss")
                .param("team", teamPhone).param("edt", emergencyDutyPhone).param("gss", code.value()).update();
        refreshAfterCommit();
    }

    private void refreshAfterCommit() {
        // The cache must never show a state that was rolled back: refresh once the change is committed.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    refresh();
                }
            });
        } else {
            refresh();
        }
    }
}
