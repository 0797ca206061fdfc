package uk.contactpoint.access.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a DPoP proof that any node has taken before (ADR 48). Spring Security checks a proof's signature, method,
 * address, access-token hash and age, and refuses a proof it has seen, but remembers proofs per node: behind a load
 * balancer, a proof captured from one call could be replayed to another node within its minute. This filter runs
 * after authentication, on calls authenticated with a DPoP-bound token, and records the proof's jti (hashed) in
 * the database with a unique key: the second node to record it refuses the call with 401, as the first would.
 */
final class DPoPReplayFilter extends OncePerRequestFilter {

    /** Longer than any proof stays acceptable (Spring accepts a proof issued up to 60 s ago, with some skew). */
    static final Duration KEEP = Duration.ofMinutes(5);
    private static final int TIDY_EVERY = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong recorded = new AtomicLong();

    DPoPReplayFilter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String proof = request.getHeader("DPoP");
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (proof == null || auth == null || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String jti = jti(proof);
        if (jti == null || !firstTime(jti)) {
            SecurityContextHolder.clearContext();
            response.setHeader("WWW-Authenticate",
                    "DPoP error=\"invalid_dpop_proof\", error_description=\"The DPoP proof has been used before\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Records the proof; false when some node recorded it already. */
    private boolean firstTime(String jti) {
        Instant now = clock.instant();
        if (recorded.incrementAndGet() % TIDY_EVERY == 0) {
            jdbc.sql("DELETE FROM dpop_proof_seen WHERE expires_at < :now").param("now", Timestamp.from(now)).update();
        }
        try {
            jdbc.sql("INSERT INTO dpop_proof_seen (jti_hash, expires_at) VALUES (:h, :e)")
                    .param("h", sha256(jti)).param("e", Timestamp.from(now.plus(KEEP))).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The proof's jti; its signature was checked by the authentication before this filter. */
    private static String jti(String proof) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(proof).getJWTClaimsSet();
            String jti = claims.getJWTID();
            return jti == null || jti.isBlank() ? null : jti;
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
