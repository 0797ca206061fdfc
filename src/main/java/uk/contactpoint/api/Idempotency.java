package uk.contactpoint.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotency keys on writes ({@code Idempotency-Key} header, required): the first request with a key does the
 * work and its response is stored; a repeat of the same request by the same caller gets the stored response
 * again (with {@code Idempotent-Replayed: true}) and does nothing; the same key with a different request is
 * refused (422), and one still being done gets 409. Keys are kept 24 hours.
 */
@Component
class Idempotency {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");
    static final Duration KEEP = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TransactionTemplate separate;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    record Stored(String hash, int status, String contentType, String location, String body) {
    }

    ResponseEntity<Object> once(String caller, String key, String method, String path, byte[] body,
                                Supplier<ResponseEntity<?>> action) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "idempotency-key", "Idempotency-Key header needed",
                    "Send an Idempotency-Key header of 8 to 100 letters, digits or . _ : - (a new UUID for each new request)");
        }
        String hash = hash(method + " " + path + "\n", body);
        try {
            separate.executeWithoutResult(s -> jdbc.sql("""
                            INSERT INTO api_idempotency (caller, idem_key, request_hash, status, created_at)
                            VALUES (:c, :k, :h, 0, :t)""")
                    .param("c", caller).param("k", key).param("h", hash).param("t", Timestamp.from(clock.instant())).update());
        } catch (DuplicateKeyException e) {
            Stored s = find(caller, key).orElseThrow(() -> e);
            if (!s.hash().equals(hash)) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was used for a different request: use a new key for a new request");
            }
            if (s.status() == 0) {
                throw new ApiProblem(HttpStatus.CONFLICT, "in-progress", "Request in progress",
                        "A request with this Idempotency-Key is still being done: ask again shortly");
            }
            ResponseEntity.BodyBuilder replay = ResponseEntity.status(s.status()).header("Idempotent-Replayed", "true");
            if (s.location() != null) {
                replay.header(HttpHeaders.LOCATION, s.location());
            }
            return s.body() == null ? replay.build()
                    : replay.contentType(MediaType.parseMediaType(s.contentType())).body(s.body());
        }
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            // A refused or failed request changed nothing: the key may be used again for a corrected one.
            separate.executeWithoutResult(s -> jdbc.sql("DELETE FROM api_idempotency WHERE caller = :c AND idem_key = :k")
                    .param("c", caller).param("k", key).update());
            throw e;
        }
        String json = response.getBody() == null ? null : new String(ApiJson.writer().writeValueAsBytes(response.getBody()), StandardCharsets.UTF_8);
        String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        separate.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE api_idempotency SET status = :s, content_type = :ct, location = :l, body = :b
                        WHERE caller = :c AND idem_key = :k""")
                .param("s", response.getStatusCode().value()).param("ct", json == null ? null : MediaType.APPLICATION_JSON_VALUE)
                .param("l", location).param("b", json != null && json.length() > 20000 ? null : json)
                .param("c", caller).param("k", key).update());
        @SuppressWarnings("unchecked")
        ResponseEntity<Object> r = (ResponseEntity<Object>) response;
        return r;
    }

    private Optional<Stored> find(String caller, String key) {
        return jdbc.sql("SELECT request_hash, status, content_type, location, body FROM api_idempotency WHERE caller = :c AND idem_key = :k")
                .param("c", caller).param("k", key)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void forgetOldKeys() {
        jdbc.sql("DELETE FROM api_idempotency WHERE created_at < :t").param("t", Timestamp.from(clock.instant().minus(KEEP))).update();
    }

    private static String hash(String head, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(head.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                d.update(body);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
