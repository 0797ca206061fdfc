package uk.contactpoint.access.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;

/** User accounts and their roles, in plain SQL. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    UserRepository(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", username)
                .query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
    }

    public String hash(String password) {
        return passwords.encode(password);
    }

    public String hashPin(String pin) {
        return passwords.encode(pin);
    }

    public long insert(String username, NewUser u, String passwordHash, String pinHash, String totpCiphertext) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, email, phone, organisation_id,
                    local_authority, child_protection, dbs_check_date, training_completed_on, agreement_signed_on,
                    enabled, created_at, pin_hash, totp_secret)
                VALUES (:username, :hash, :name, :email, :phone, :org, :la, :cp, :dbs, :training, :agreement, TRUE, :now,
                    :pin, :totp)""")
                .param("pin", pinHash)
                .param("totp", totpCiphertext)
                .param("username", username)
                .param("hash", passwordHash)
                .param("name", u.displayName())
                .param("email", u.email())
                .param("phone", u.phone())
                .param("org", u.organisationId())
                .param("la", u.localAuthority())
                .param("cp", u.childProtection())
                .param("dbs", u.dbsCheckDate())
                .param("training", u.trainingCompletedOn())
                .param("agreement", u.agreementSignedOn())
                .param("now", Timestamp.from(Instant.now()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (Role role : u.roles()) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", id).param("role", role.name()).update();
        }
        return id;
    }

    /**
     * A user who may use ContactPoint today (enabled, vetted, accredited, not locked), as the security layer
     * would hold them: whom a notification about a child is composed for.
     */
    public Optional<ContactPointUser> active(long userId, java.time.LocalDate today, Instant now) {
        return jdbc.sql("SELECT username FROM app_user WHERE id = :id").param("id", userId).query(String.class).optional()
                .flatMap(this::find).filter(s -> s.stop(today).isEmpty() && !s.lockedAt(now))
                .map(s -> new ContactPointUser(s, today));
    }

    Optional<StoredUser> find(String username) {
        return jdbc.sql("""
                        SELECT u.*, o.name AS organisation_name, o.sector AS organisation_sector, o.kind AS organisation_kind,
                               o.code AS organisation_code, o.accredited AS organisation_accredited,
                               o.accreditation_expires_on AS accreditation_expires_on
                        FROM app_user u JOIN organisation o ON o.id = u.organisation_id
                        WHERE u.username = :u""")
                .param("u", username)
                .query((rs, n) -> new StoredUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                        rs.getString("display_name"), rs.getLong("organisation_id"), rs.getString("organisation_name"),
                        rs.getString("organisation_sector"), rs.getString("organisation_kind"),
                        rs.getString("organisation_code"), rs.getString("local_authority"),
                        rs.getBoolean("child_protection"), rs.getObject("dbs_check_date", java.time.LocalDate.class),
                        rs.getObject("training_completed_on", java.time.LocalDate.class),
                        rs.getObject("agreement_signed_on", java.time.LocalDate.class), rs.getBoolean("enabled"),
                        EnumSet.noneOf(Role.class), instant(rs.getTimestamp("locked_until")),
                        rs.getBoolean("second_factor_locked"), rs.getBoolean("organisation_accredited"),
                        rs.getObject("accreditation_expires_on", java.time.LocalDate.class),
                        rs.getString("pin_hash") != null && rs.getString("totp_secret") != null))
                .optional()
                .map(u -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", u.id()).query(String.class).list()
                            .forEach(r -> roles.add(Role.valueOf(r)));
                    return u.withRoles(roles);
                });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    SecondFactorState secondFactor(long userId) {
        return jdbc.sql("SELECT pin_hash, totp_secret, totp_last_step, second_factor_locked FROM app_user WHERE id = :id")
                .param("id", userId)
                .query((rs, n) -> new SecondFactorState(rs.getString("pin_hash"), rs.getString("totp_secret"),
                        rs.getLong("totp_last_step"), rs.getBoolean("second_factor_locked")))
                .single();
    }

    /**
     * Counts a wrong password. The {@code maxFailures}th consecutive one locks the account until
     * {@code now + firstLock * 2^(earlier lockouts)} and starts the count again.
     *
     * @return whether this failure locked the account
     */
    boolean passwordFailed(long userId, Instant now, int maxFailures, Duration firstLock) {
        jdbc.sql("UPDATE app_user SET failed_passwords = failed_passwords + 1 WHERE id = :id").param("id", userId).update();
        int lockouts = jdbc.sql("SELECT password_lockouts FROM app_user WHERE id = :id").param("id", userId)
                .query(Integer.class).single();
        Duration lock = firstLock.multipliedBy(1L << Math.min(lockouts, 16));
        return jdbc.sql("""
                        UPDATE app_user SET failed_passwords = 0, password_lockouts = password_lockouts + 1, locked_until = :until
                        WHERE id = :id AND failed_passwords >= :max""")
                .param("until", Timestamp.from(now.plus(lock))).param("id", userId).param("max", maxFailures)
                .update() > 0;
    }

    void passwordSucceeded(long userId) {
        jdbc.sql("UPDATE app_user SET failed_passwords = 0 WHERE id = :id AND failed_passwords <> 0").param("id", userId).update();
    }

    /**
     * Counts a wrong PIN or code; the {@code maxFailures}th consecutive one locks the account until an
     * administrator unlocks it.
     *
     * @return whether the account is now locked
     */
    boolean secondFactorFailed(long userId, int maxFailures) {
        jdbc.sql("""
                        UPDATE app_user SET failed_second_factors = failed_second_factors + 1,
                            second_factor_locked = CASE WHEN failed_second_factors + 1 >= :max THEN TRUE ELSE second_factor_locked END
                        WHERE id = :id""")
                .param("max", maxFailures).param("id", userId).update();
        return secondFactor(userId).locked();
    }

    /**
     * Accepts a time step, once: false when this or a later step was accepted already (a replayed code,
     * or two requests racing with the same code). A full login also clears both lockout counters.
     */
    boolean secondFactorSucceeded(long userId, long step) {
        return jdbc.sql("""
                        UPDATE app_user SET totp_last_step = :step, failed_second_factors = 0, failed_passwords = 0,
                            password_lockouts = 0
                        WHERE id = :id AND totp_last_step < :step AND second_factor_locked = FALSE""")
                .param("step", step).param("id", userId).update() == 1;
    }

    /**
     * Accepts a time step for a code read out by a caller (mediated access), once, as
     * {@link #secondFactorSucceeded} does, but without clearing any failure count.
     */
    boolean codeAccepted(long userId, long step) {
        return jdbc.sql("""
                        UPDATE app_user SET totp_last_step = :step
                        WHERE id = :id AND totp_last_step < :step AND second_factor_locked = FALSE""")
                .param("step", step).param("id", userId).update() == 1;
    }

    Optional<String> phoneOf(long userId) {
        return jdbc.sql("SELECT phone FROM app_user WHERE id = :id").param("id", userId).query(String.class).optional();
    }

    /** A full login by security key clears both lockout counters, as one by PIN and code does. */
    void secondFactorSucceededByKey(long userId) {
        jdbc.sql("""
                        UPDATE app_user SET failed_second_factors = 0, failed_passwords = 0, password_lockouts = 0
                        WHERE id = :id AND second_factor_locked = FALSE""")
                .param("id", userId).update();
    }

    public Optional<Long> idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).optional();
    }

    public Optional<String> localAuthorityOf(String username) {
        return jdbc.sql("SELECT local_authority FROM app_user WHERE username = :u").param("u", username)
                .query(String.class).optional();
    }

    public Optional<String> displayNameOf(String username) {
        return jdbc.sql("SELECT display_name FROM app_user WHERE username = :u").param("u", username)
                .query(String.class).optional();
    }

    public Optional<uk.contactpoint.access.UserContact> contact(long userId) {
        return jdbc.sql("SELECT id, display_name, email, phone FROM app_user WHERE id = :id").param("id", userId)
                .query((rs, n) -> new uk.contactpoint.access.UserContact(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).optional();
    }

    /** The enabled users of an LA who hold one of these roles. */
    public java.util.List<uk.contactpoint.access.UserContact> withRole(String localAuthority, java.util.Collection<String> roles) {
        return jdbc.sql("""
                        SELECT DISTINCT u.id, u.display_name, u.email, u.phone FROM app_user u
                        JOIN user_role r ON r.user_id = u.id
                        WHERE u.local_authority = :la AND u.enabled AND r.role IN (:roles) ORDER BY u.id""")
                .param("la", localAuthority).param("roles", roles)
                .query((rs, n) -> new uk.contactpoint.access.UserContact(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    /** The enabled users anywhere who hold this role. */
    public java.util.List<uk.contactpoint.access.UserContact> withRoleAnywhere(String role) {
        return jdbc.sql("""
                        SELECT u.id, u.display_name, u.email, u.phone FROM app_user u
                        JOIN user_role r ON r.user_id = u.id
                        WHERE u.enabled AND r.role = :role ORDER BY u.id""")
                .param("role", role)
                .query((rs, n) -> new uk.contactpoint.access.UserContact(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    /** The enabled users of an organisation who hold this role. */
    public java.util.List<uk.contactpoint.access.UserContact> ofOrganisation(long organisationId, String role) {
        return jdbc.sql("""
                        SELECT u.id, u.display_name, u.email, u.phone FROM app_user u
                        JOIN user_role r ON r.user_id = u.id
                        WHERE u.organisation_id = :org AND u.enabled AND r.role = :role ORDER BY u.id""")
                .param("org", organisationId).param("role", role)
                .query((rs, n) -> new uk.contactpoint.access.UserContact(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    public Optional<Long> managerOf(long userId) {
        return jdbc.sql("SELECT manager_id FROM app_user WHERE id = :id AND manager_id IS NOT NULL").param("id", userId)
                .query(Long.class).optional();
    }
}
