package uk.contactpoint.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.access.AccountRequest;
import uk.contactpoint.access.AccountSummary;
import uk.contactpoint.access.OrganisationChoice;
import uk.contactpoint.access.Role;

/** Account administration and enrolment, in plain SQL. */
@Repository
public class AccountRepository {

    /** Who an administrator may see: everyone, an LA's users, or one organisation's users. */
    public record Scope(String localAuthority, Long organisationId) {
        public static final Scope NATIONAL = new Scope(null, null);
    }

    /** A user awaiting activation, as the activation code finds them. */
    public record PendingActivation(long userId, String username, String codeHash, Instant expiresAt, int failures) {
        @Override
        public String toString() {
            return "PendingActivation[userId=" + userId + "]";
        }
    }

    private static final String SUMMARY = """
            SELECT u.id, u.username, u.display_name, u.email, u.organisation_id, o.name AS organisation_name,
                   u.local_authority, u.child_protection, m.username AS manager_username, u.dbs_check_date,
                   u.training_completed_on, u.agreement_signed_on, u.enabled, u.locked_until, u.second_factor_locked,
                   u.pin_hash, u.totp_secret, u.password_hash, o.accredited, o.accreditation_expires_on, o.sector,
                   o.kind, o.code
            FROM app_user u JOIN organisation o ON o.id = u.organisation_id LEFT JOIN app_user m ON m.id = u.manager_id
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AccountSummary> list(Scope scope, LocalDate today, Instant now) {
        List<AccountSummary> rows = jdbc.sql(SUMMARY + """
                        WHERE (CAST(:la AS VARCHAR(9)) IS NULL OR u.local_authority = :la) AND (CAST(:org AS BIGINT) IS NULL OR u.organisation_id = :org)
                        ORDER BY u.username""")
                .param("la", scope.localAuthority()).param("org", scope.organisationId())
                .query((rs, n) -> summary(rs, today, now, Set.of())).list();
        Map<Long, Set<Role>> roles = roles(scope);
        return rows.stream().map(r -> withRoles(r, roles.getOrDefault(r.id(), Set.of()))).toList();
    }

    public Optional<AccountSummary> find(long id, LocalDate today, Instant now) {
        return jdbc.sql(SUMMARY + " WHERE u.id = :id").param("id", id)
                .query((rs, n) -> summary(rs, today, now, rolesOf(id))).optional();
    }

    public Optional<Long> idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).optional();
    }

    public Set<Role> rolesOf(long id) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", id).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private Map<Long, Set<Role>> roles(Scope scope) {
        Map<Long, Set<Role>> roles = new TreeMap<>();
        jdbc.sql("""
                        SELECT r.user_id, r.role FROM user_role r JOIN app_user u ON u.id = r.user_id
                        WHERE (CAST(:la AS VARCHAR(9)) IS NULL OR u.local_authority = :la) AND (CAST(:org AS BIGINT) IS NULL OR u.organisation_id = :org)""")
                .param("la", scope.localAuthority()).param("org", scope.organisationId())
                .query(rs -> {
                    roles.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString(2)));
                });
        return roles;
    }

    private static AccountSummary withRoles(AccountSummary s, Set<Role> roles) {
        return new AccountSummary(s.id(), s.username(), s.displayName(), s.email(), s.organisationId(),
                s.organisationName(), s.localAuthority(), roles, s.childProtection(), s.managerUsername(),
                s.dbsCheckDate(), s.trainingCompletedOn(), s.agreementSignedOn(), s.locked(), s.stop());
    }

    private static AccountSummary summary(ResultSet rs, LocalDate today, Instant now, Set<Role> roles) throws SQLException {
        StoredUser stored = new StoredUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                rs.getString("display_name"), rs.getLong("organisation_id"), rs.getString("organisation_name"),
                rs.getString("sector"), rs.getString("kind"), rs.getString("code"), rs.getString("local_authority"),
                rs.getBoolean("child_protection"), rs.getObject("dbs_check_date", LocalDate.class),
                rs.getObject("training_completed_on", LocalDate.class), rs.getObject("agreement_signed_on", LocalDate.class),
                rs.getBoolean("enabled"), roles, instant(rs.getTimestamp("locked_until")),
                rs.getBoolean("second_factor_locked"), rs.getBoolean("accredited"),
                rs.getObject("accreditation_expires_on", LocalDate.class),
                rs.getString("pin_hash") != null && rs.getString("totp_secret") != null);
        return new AccountSummary(stored.id(), stored.username(), stored.displayName(), rs.getString("email"),
                stored.organisationId(), stored.organisationName(), stored.localAuthority(), roles,
                stored.childProtection(), rs.getString("manager_username"), stored.dbsCheckDate(),
                stored.trainingCompletedOn(), stored.agreementSignedOn(), stored.lockedAt(now), stored.stop(today).orElse(null));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public List<OrganisationChoice> organisations(Scope scope) {
        return jdbc.sql("""
                        SELECT o.id, o.name, o.local_authority, o.accredited FROM organisation o
                        WHERE o.kind <> 'DATA_SUPPLIER'
                          AND (CAST(:org AS BIGINT) IS NULL OR o.id = :org)
                          AND (CAST(:la AS VARCHAR(9)) IS NULL OR o.local_authority = :la OR EXISTS (SELECT 1 FROM organisation_local_authority x
                               WHERE x.organisation_id = o.id AND x.local_authority = :la))
                        ORDER BY o.accredited DESC, o.name FETCH FIRST 2000 ROWS ONLY""")
                .param("la", scope.localAuthority()).param("org", scope.organisationId())
                .query((rs, n) -> new OrganisationChoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    public Optional<OrganisationChoice> organisation(long id) {
        return jdbc.sql("SELECT id, name, local_authority, accredited FROM organisation WHERE id = :id").param("id", id)
                .query((rs, n) -> new OrganisationChoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    public boolean organisationWorksIn(long organisationId, String localAuthority) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM organisation o WHERE o.id = :org AND (o.local_authority = :la OR EXISTS
                            (SELECT 1 FROM organisation_local_authority x WHERE x.organisation_id = o.id AND x.local_authority = :la))""")
                .param("org", organisationId).param("la", localAuthority).query(Long.class).single() > 0;
    }

    public boolean localAuthorityExists(String gss) {
        return jdbc.sql("SELECT COUNT(*) FROM local_authority WHERE gss_code = :la").param("la", gss).query(Long.class).single() > 0;
    }

    public long insertPending(String username, AccountRequest r, Long managerId, String unusableHash, String codeHash,
                       Instant expiresAt, String createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO app_user (username, password_hash, display_name, email, phone, organisation_id,
                            local_authority, child_protection, dbs_check_date, training_completed_on, agreement_signed_on,
                            enabled, created_at, manager_id, activation_code_hash, activation_expires_at, created_by)
                        VALUES (:username, :hash, :name, :email, :phone, :org, :la, :cp, :dbs, :training, :agreement, TRUE,
                            :now, :manager, :code, :expires, :by)""")
                .param("username", username).param("hash", unusableHash).param("name", r.displayName().trim())
                .param("email", blankToNull(r.email())).param("phone", blankToNull(r.phone()))
                .param("org", r.organisationId()).param("la", r.localAuthority()).param("cp", r.childProtection())
                .param("dbs", r.dbsCheckDate()).param("training", r.trainingCompletedOn())
                .param("agreement", r.agreementSignedOn()).param("now", Timestamp.from(now)).param("manager", managerId)
                .param("code", codeHash).param("expires", Timestamp.from(expiresAt)).param("by", createdBy)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (Role role : r.roles()) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)").param("id", id).param("role", role.name()).update();
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public void setEnabled(long id, boolean enabled, String reason) {
        jdbc.sql("UPDATE app_user SET enabled = :e, suspended_reason = :r WHERE id = :id")
                .param("e", enabled).param("r", reason).param("id", id).update();
    }

    /** Clears the password, PIN and token and issues a new activation code: the user enrols again. */
    public void resetFactors(long id, String unusableHash, String codeHash, Instant expiresAt) {
        jdbc.sql("""
                        UPDATE app_user SET password_hash = :hash, pin_hash = NULL, totp_secret = NULL, totp_last_step = 0,
                            activation_code_hash = :code, activation_expires_at = :expires, activation_failures = 0,
                            failed_passwords = 0, failed_second_factors = 0, second_factor_locked = FALSE, locked_until = NULL
                        WHERE id = :id""")
                .param("hash", unusableHash).param("code", codeHash).param("expires", Timestamp.from(expiresAt))
                .param("id", id).update();
    }

    public void unlock(long id) {
        jdbc.sql("""
                        UPDATE app_user SET failed_passwords = 0, failed_second_factors = 0, second_factor_locked = FALSE,
                            locked_until = NULL WHERE id = :id""").param("id", id).update();
    }

    public void recordVetting(long id, LocalDate dbs, LocalDate training, LocalDate agreement) {
        jdbc.sql("UPDATE app_user SET dbs_check_date = :dbs, training_completed_on = :t, agreement_signed_on = :a WHERE id = :id")
                .param("dbs", dbs).param("t", training).param("a", agreement).param("id", id).update();
    }

    public Optional<PendingActivation> pending(String username) {
        return jdbc.sql("""
                        SELECT id, username, activation_code_hash, activation_expires_at, activation_failures FROM app_user
                        WHERE username = :u AND activation_code_hash IS NOT NULL""")
                .param("u", username)
                .query((rs, n) -> new PendingActivation(rs.getLong(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), rs.getInt(5)))
                .optional();
    }

    /** Counts a wrong activation code; the fifth voids the code (the administrator issues another). */
    public void activationFailed(long id, int maxFailures) {
        jdbc.sql("""
                        UPDATE app_user SET activation_failures = activation_failures + 1,
                            activation_code_hash = CASE WHEN activation_failures + 1 >= :max THEN 'void' ELSE activation_code_hash END
                        WHERE id = :id""").param("max", maxFailures).param("id", id).update();
    }

    /**
     * Completes enrolment, once: sets the password, PIN and token and consumes the code, only if the code
     * is still the one that was checked (two racing activations cannot both succeed).
     */
    public boolean activate(long id, String codeHash, String passwordHash, String pinHash, String totpCiphertext, long step) {
        return jdbc.sql("""
                        UPDATE app_user SET password_hash = :hash, pin_hash = :pin, totp_secret = :totp, totp_last_step = :step,
                            activation_code_hash = NULL, activation_expires_at = NULL, activation_failures = 0
                        WHERE id = :id AND activation_code_hash = :code""")
                .param("hash", passwordHash).param("pin", pinHash).param("totp", totpCiphertext).param("step", step)
                .param("id", id).param("code", codeHash).update() == 1;
    }

    /** The manager's id and email of a user, for telling them of a suspension. */
    public Optional<Map.Entry<Long, String>> manager(long userId) {
        return jdbc.sql("SELECT m.id, m.email FROM app_user u JOIN app_user m ON m.id = u.manager_id WHERE u.id = :id")
                .param("id", userId).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2)))
                .optional();
    }

    public String emailOf(long userId) {
        return jdbc.sql("SELECT email FROM app_user WHERE id = :id").param("id", userId).query(String.class).optional().orElse(null);
    }

    public long organisationOf(long userId) {
        return jdbc.sql("SELECT organisation_id FROM app_user WHERE id = :id").param("id", userId).query(Long.class).single();
    }
}
