package uk.contactpoint.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.contactpoint.access.ApiClient;

/**
 * ContactPoint's own register of API clients (table {@code api_client}) beside Spring Security's
 * {@code oauth2_registered_client}: the kind, authority, supplier and public key of each.
 */
@Repository
public class ApiClientRepository {

    private static final String COLUMNS = "client_id, kind, name, local_authority, supplier_code, registered_by, registered_at, revoked_at";

    private final JdbcClient jdbc;

    ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiClient> find(String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_client WHERE client_id = :id").param("id", clientId)
                .query(ApiClientRepository::map).optional();
    }

    /** The public key (JWK JSON) of an active client, which its client assertions must be signed with. */
    Optional<String> publicJwk(String clientId) {
        return jdbc.sql("SELECT public_jwk FROM api_client WHERE client_id = :id AND revoked_at IS NULL")
                .param("id", clientId).query(String.class).optional();
    }

    /** Every client, or those of one authority (national ones when {@code localAuthority} is null), newest first. */
    public List<ApiClient> list(String localAuthority, boolean all) {
        if (all) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM api_client ORDER BY registered_at DESC, client_id")
                    .query(ApiClientRepository::map).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_client WHERE local_authority = :la ORDER BY registered_at DESC, client_id")
                .param("la", localAuthority).query(ApiClientRepository::map).list();
    }

    public void insert(ApiClient c, String publicJwk) {
        jdbc.sql("""
                        INSERT INTO api_client (client_id, kind, name, local_authority, supplier_code, public_jwk, registered_by, registered_at)
                        VALUES (:id, :kind, :name, :la, :supplier, :jwk, :by, :at)""")
                .param("id", c.clientId()).param("kind", c.kind().name()).param("name", c.name())
                .param("la", c.localAuthority()).param("supplier", c.supplierCode()).param("jwk", publicJwk)
                .param("by", c.registeredBy()).param("at", Timestamp.from(c.registeredAt())).update();
    }

    /** Marks the client revoked and removes it, with its grants, from the authorization server's tables. */
    public boolean revoke(String clientId, String by, Instant at) {
        int n = jdbc.sql("UPDATE api_client SET revoked_at = :at, revoked_by = :by WHERE client_id = :id AND revoked_at IS NULL")
                .param("at", Timestamp.from(at)).param("by", by).param("id", clientId).update();
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id IN (SELECT id FROM oauth2_registered_client WHERE client_id = :id)")
                .param("id", clientId).update();
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE client_id = :id").param("id", clientId).update();
        return n == 1;
    }

    private static ApiClient map(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiClient(rs.getString("client_id"), ApiClient.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("local_authority"), rs.getString("supplier_code"), rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
