package uk.contactpoint.access.internal;

import java.sql.Timestamp;
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

    public long insert(String username, NewUser u, String passwordHash) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, email, phone, organisation_id,
                    local_authority, child_protection, dbs_check_date, training_completed_on, agreement_signed_on,
                    enabled, created_at)
                VALUES (:username, :hash, :name, :email, :phone, :org, :la, :cp, :dbs, :training, :agreement, TRUE, :now)""")
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

    Optional<StoredUser> find(String username) {
        return jdbc.sql("""
                        SELECT u.*, o.name AS organisation_name, o.sector AS organisation_sector, o.kind AS organisation_kind,
                               o.code AS organisation_code
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
                        EnumSet.noneOf(Role.class)))
                .optional()
                .map(u -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", u.id()).query(String.class).list()
                            .forEach(r -> roles.add(Role.valueOf(r)));
                    return u.withRoles(roles);
                });
    }
}
