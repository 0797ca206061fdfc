package uk.contactpoint.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import uk.contactpoint.access.KeyRing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts the personal values of audit events so that they can be shredded (ADR 30). Each event's values
 * are encrypted (AES-256-GCM) under a fresh data key; the data key is wrapped under the key of every subject
 * the event concerns: each child (subject {@code child:<id>}), or, for an event that concerns no child, the
 * month it happened in ({@code period:<yyyy-mm>}, UTC). Subject keys are random, stored wrapped under a
 * configured master key ({@code contactpoint.audit.personal-keys}, {@code id:base64[,...]}, the first wraps,
 * any listed unwraps). Destroying a subject's key (the child is purged, or the month has passed the
 * retention period) makes every value only it could open unreadable for good.
 *
 * <p>Stored form: {@code v1;base64(nonce|ciphertext);subject=base64(nonce|wrapped data key);...}; a subject key is stored
 * wrapped by the master {@link KeyRing} ({@code id:base64(...)}, bound to its subject).
 */
@Component
public class PersonalValueCipher {

    /** Development key, refused by ProductionGuard under the prod profile. */
    public static final String DEV_KEYS = "dev:ZGV2LW9ubHktYXVkaXQtcGVyc29uYWwta2V5LW5vISE=";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] VALUES_AAD = "audit-personal-v1".getBytes(StandardCharsets.US_ASCII);
    /** How many unwrapped subject keys one node keeps; they are also dropped after a few minutes. */
    private static final int CACHE_SIZE = 100_000;
    private static final long CACHE_MILLIS = 5 * 60_000L;

    private record Cached(SecretKey key, long until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate savepoint;
    private final KeyRing masters;
    private final boolean postgres;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PersonalValueCipher(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, DataSource dataSource,
                        @Value("${contactpoint.audit.personal-keys:" + DEV_KEYS + "}") String configuration) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.masters = new KeyRing("contactpoint.audit.personal-keys", configuration);
    }

    /** The subjects of an event: its children, or its month when it has none. */
    static List<String> subjects(Collection<Long> childIds, Instant at) {
        if (childIds.isEmpty()) {
            return List.of("period:" + YearMonth.from(at.atOffset(ZoneOffset.UTC)));
        }
        return childIds.stream().distinct().map(id -> "child:" + id).toList();
    }

    /** Encrypts an event's personal values for its subjects; runs in the caller's transaction. */
    public String seal(Collection<Long> childIds, Instant at, String values) {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        StringBuilder s = new StringBuilder("v1;")
                .append(KeyRing.seal(new SecretKeySpec(dataKey, "AES"), values.getBytes(StandardCharsets.UTF_8), VALUES_AAD));
        List<String> subjects = subjects(childIds, at);
        Map<String, Optional<SecretKey>> stored = postgres ? loadOrCreate(subjects) : load(subjects);
        List<String> to = new ArrayList<>();
        for (String subject : subjects) {
            Optional<SecretKey> key = stored.get(subject);
            if (key == null || key.isPresent()) {
                to.add(subject);
            }
        }
        if (to.isEmpty()) {
            // Every child's key is destroyed (the children were purged): the month keeps the values instead, or,
            // if even the month's key is gone (shredded early by hand), a key of its own for this event.
            String month = subjects(List.of(), at).get(0);
            Optional<SecretKey> monthKey = load(List.of(month)).get(month);
            to.add(monthKey == null || monthKey.isPresent() ? month : month + ":" + Long.toUnsignedString(random.nextLong(), 36));
            stored.putAll(load(to));
        }
        Map<String, SecretKey> made = newKeys(to.stream().filter(subject -> stored.get(subject) == null).toList());
        for (String subject : to) {
            Optional<SecretKey> key = stored.get(subject);
            s.append(';').append(subject).append('=')
                    .append(KeyRing.seal(key != null ? key.get() : made.get(subject), dataKey, subject.getBytes(StandardCharsets.US_ASCII)));
        }
        return s.toString();
    }

    /**
     * Keys for subjects that have none yet, made in one insert inside a savepoint; if another transaction made
     * one of them meanwhile, one by one instead, each taking the key that is there.
     */
    private Map<String, SecretKey> newKeys(List<String> subjects) {
        Map<String, SecretKey> made = new LinkedHashMap<>();
        if (subjects.isEmpty()) {
            return made;
        }
        if (subjects.size() == 1) {
            made.put(subjects.get(0), newKey(subjects.get(0)));
            return made;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO audit_subject_key (subject, master_key_id, wrapped, created_at) VALUES ");
        Map<String, Object> params = new HashMap<>();
        params.put("m", masters.currentKeyId());
        params.put("now", Timestamp.from(clock.instant()));
        for (int i = 0; i < subjects.size(); i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            String subject = subjects.get(i);
            made.put(subject, new SecretKeySpec(key, "AES"));
            sql.append(i == 0 ? "" : ", ").append("(:s").append(i).append(", :m, :w").append(i).append(", :now)");
            params.put("s" + i, subject);
            params.put("w" + i, masters.encrypt(key, subject));
        }
        try {
            savepoint.executeWithoutResult(st -> jdbc.sql(sql.toString()).params(params).update());
        } catch (DuplicateKeyException e) {
            made.clear();
            subjects.forEach(subject -> made.put(subject, newKey(subject)));
            return made;
        }
        made.forEach(this::remember);
        return made;
    }

    /**
     * As {@link #load}, making the keys of subjects that have none, in one statement on PostgreSQL (a search
     * about children new to the audit log would otherwise take a look-up and a savepointed insert). A subject
     * whose key another transaction committed during the statement is missed by its snapshot and looked up
     * again.
     */
    private Map<String, Optional<SecretKey>> loadOrCreate(List<String> subjects) {
        Map<String, Optional<SecretKey>> found = new HashMap<>();
        List<String> missing = fromCache(subjects, found);
        if (missing.isEmpty()) {
            return found;
        }
        Map<String, SecretKey> fresh = new HashMap<>();
        Map<String, Object> params = new HashMap<>();
        params.put("m", masters.currentKeyId());
        params.put("now", Timestamp.from(clock.instant()));
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < missing.size(); i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            String subject = missing.get(i);
            fresh.put(subject, new SecretKeySpec(key, "AES"));
            values.append(i == 0 ? "" : ", ").append("(:s").append(i).append(", :w").append(i).append(')');
            params.put("s" + i, subject);
            params.put("w" + i, masters.encrypt(key, subject));
        }
        jdbc.sql("WITH wanted(subject, wrapped) AS (VALUES " + values + """
                        ),
                        made AS (
                            INSERT INTO audit_subject_key (subject, master_key_id, wrapped, created_at)
                            SELECT subject, :m, wrapped, :now FROM wanted
                            ON CONFLICT (subject) DO NOTHING
                            RETURNING subject)
                        SELECT k.subject, k.wrapped, FALSE FROM audit_subject_key k JOIN wanted w ON w.subject = k.subject
                        UNION ALL
                        SELECT subject, NULL, TRUE FROM made""")
                .params(params)
                .query((rs, n) -> {
                    String subject = rs.getString(1);
                    if (rs.getBoolean(3)) {
                        SecretKey made = fresh.get(subject);
                        remember(subject, made);
                        found.put(subject, Optional.of(made));
                    } else {
                        String wrapped = rs.getString(2);
                        found.put(subject, wrapped == null ? Optional.empty() : Optional.of(unwrap(subject, wrapped)));
                    }
                    return subject;
                })
                .list();
        List<String> unseen = missing.stream().filter(subject -> !found.containsKey(subject)).toList();
        if (!unseen.isEmpty()) {
            found.putAll(load(unseen));
        }
        return found;
    }

    /**
     * The stored keys of these subjects: a key, or empty when it was destroyed; no entry when there is none
     * yet. One query for those not in this node's cache.
     */
    private Map<String, Optional<SecretKey>> load(List<String> subjects) {
        Map<String, Optional<SecretKey>> found = new HashMap<>();
        List<String> missing = fromCache(subjects, found);
        if (!missing.isEmpty()) {
            jdbc.sql("SELECT subject, master_key_id, wrapped FROM audit_subject_key WHERE subject IN (:s)").param("s", missing)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()
                    .forEach(r -> found.put(r[0], r[2] == null ? Optional.empty() : Optional.of(unwrap(r[0], r[2]))));
        }
        return found;
    }

    /** Puts the keys this node has cached into {@code found}; returns the subjects it has not. */
    private List<String> fromCache(List<String> subjects, Map<String, Optional<SecretKey>> found) {
        List<String> missing = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String subject : subjects) {
            Cached c = cache.get(subject);
            if (c != null && c.until() > now) {
                found.put(subject, Optional.of(c.key()));
            } else {
                missing.add(subject);
            }
        }
        return missing;
    }

    /** The personal values, or empty when every key that could open them has been destroyed. */
    public Optional<String> open(String sealed) {
        if (sealed == null || !sealed.startsWith("v1;")) {
            return Optional.empty();
        }
        String[] parts = sealed.split(";");
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String subject = parts[i].substring(0, eq);
            Optional<SecretKey> key = existingKey(subject);
            if (key.isPresent()) {
                byte[] dataKey = KeyRing.open(key.get(), parts[i].substring(eq + 1), subject.getBytes(StandardCharsets.US_ASCII));
                return Optional.of(new String(KeyRing.open(new SecretKeySpec(dataKey, "AES"), parts[1], VALUES_AAD),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Destroys these children's keys (at purge): what only they could open is unreadable from now on. */
    public int forgetChildren(Collection<Long> childIds) {
        return forget(childIds.stream().map(id -> "child:" + id).toList());
    }

    /** Destroys the keys of months before this one (events that concerned no child). */
    public int forgetMonthsBefore(YearMonth month) {
        List<String> old = jdbc.sql("SELECT subject FROM audit_subject_key WHERE subject LIKE 'period:%' AND wrapped IS NOT NULL")
                .query(String.class).list().stream()
                .filter(s -> YearMonth.parse(s.substring("period:".length(), "period:".length() + 7)).isBefore(month)).toList();
        return forget(old);
    }

    private int forget(List<String> subjects) {
        int destroyed = 0;
        for (int from = 0; from < subjects.size(); from += 500) {
            List<String> batch = subjects.subList(from, Math.min(subjects.size(), from + 500));
            destroyed += jdbc.sql("UPDATE audit_subject_key SET wrapped = NULL, destroyed_at = :now WHERE subject IN (:s) AND wrapped IS NOT NULL")
                    .param("now", Timestamp.from(clock.instant())).param("s", batch).update();
            batch.forEach(cache::remove);
        }
        return destroyed;
    }

    private Optional<SecretKey> existingKey(String subject) {
        Optional<SecretKey> key = load(List.of(subject)).get(subject);
        return key == null ? Optional.empty() : key;
    }

    private SecretKey newKey(String subject) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        String wrapped = masters.encrypt(key, subject);
        try {
            // A savepoint: if another transaction made this subject's key first, only the insert is undone.
            savepoint.executeWithoutResult(s -> jdbc.sql("""
                            INSERT INTO audit_subject_key (subject, master_key_id, wrapped, created_at)
                            VALUES (:s, :m, :w, :now)""")
                    .param("s", subject).param("m", masters.currentKeyId()).param("w", wrapped).param("now", Timestamp.from(clock.instant()))
                    .update());
        } catch (DuplicateKeyException e) {
            return existingKey(subject).orElseThrow(() -> new IllegalStateException("The audit key of " + subject + " was destroyed"));
        }
        SecretKey made = new SecretKeySpec(key, "AES");
        remember(subject, made);
        return made;
    }

    private SecretKey unwrap(String subject, String wrapped) {
        SecretKey key = new SecretKeySpec(masters.decrypt(wrapped, subject), "AES");
        remember(subject, key);
        return key;
    }

    private void remember(String subject, SecretKey key) {
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        cache.put(subject, new Cached(key, System.currentTimeMillis() + CACHE_MILLIS));
    }

    /** Re-wraps every live subject key under the current master key; returns how many moved (key rotation). */
    public int rewrap() {
        List<String[]> rows = jdbc.sql("SELECT subject, wrapped FROM audit_subject_key WHERE wrapped IS NOT NULL AND master_key_id <> :m")
                .param("m", masters.currentKeyId()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] r : rows) {
            jdbc.sql("UPDATE audit_subject_key SET master_key_id = :m, wrapped = :w WHERE subject = :s AND wrapped IS NOT NULL")
                    .param("m", masters.currentKeyId()).param("w", masters.encrypt(unwrap(r[0], r[1]).getEncoded(), r[0]))
                    .param("s", r[0]).update();
        }
        return rows.size();
    }
}
