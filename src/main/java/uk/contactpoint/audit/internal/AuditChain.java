package uk.contactpoint.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * The hash chain: each sealed event's hash is SHA-256 of the previous hash and the event's canonical form
 * (every column, in a fixed order, each value prefixed by its length so that no two different events
 * serialise alike). The sealer and the verifier both build the canonical form from the row as read back
 * from the database, so they agree whatever precision the database keeps.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    /** The columns an event is read with, for sealing and verifying. */
    public static final String COLUMNS = "id, occurred_at, actor, actor_organisation, actor_role, client_system, "
            + "remote_address, session_ref, action, child_ids, reason, outcome, detail, personal";

    private AuditChain() {
    }

    /** The canonical form of the event in the current row of {@code rs} (selected with {@link #COLUMNS}). */
    public static String canonical(ResultSet rs) throws SQLException {
        StringBuilder s = new StringBuilder(256);
        field(s, Long.toString(rs.getLong("id")));
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        field(s, at == null ? null : at.toInstant().toString());
        for (String column : new String[] {"actor", "actor_organisation", "actor_role", "client_system", "remote_address",
                "session_ref", "action", "child_ids", "reason", "outcome", "detail"}) {
            field(s, rs.getString(column));
        }
        // The sealed personal values (ADR 30), covered as stored: only when present, so that events written
        // before the column existed hash as they always did.
        String personal = rs.getString("personal");
        if (personal != null) {
            field(s, personal);
        }
        return s.toString();
    }

    private static void field(StringBuilder s, String value) {
        if (value == null) {
            s.append("-1:");
        } else {
            s.append(value.length()).append(':').append(value);
        }
        s.append('|');
    }

    public static String next(String previousHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
