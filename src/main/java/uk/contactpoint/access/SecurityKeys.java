package uk.contactpoint.access;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;

/**
 * FIDO2 security keys (WebAuthn) as an alternative to PIN + TOTP at the second sign-in step. The key's own
 * PIN or biometric is required (user verification), so the key is two factors in one: something the user
 * has and something they know. Registration needs a fully signed-in session; an assertion is accepted only
 * for a key registered to the user of the first step, with a fresh challenge, from an allowed origin, and
 * with a signature counter that moved forward (or a key that keeps none).
 */
@Service
public class SecurityKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODE = Base64.getUrlDecoder();
    static final String RP_NAME = "ContactPoint";
    static final int MAX_KEYS = 5;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(new ObjectConverter());

    private final String configuredRpId;
    private final Set<String> configuredOrigins;

    SecurityKeys(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
                 @Value("${contactpoint.webauthn.rp-id:}") String rpId,
                 @Value("${contactpoint.webauthn.origins:}") Set<String> origins) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.configuredRpId = rpId;
        this.configuredOrigins = origins.stream().filter(o -> !o.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The relying party for this request: the configured host name and origins, or (when none are configured,
     * as in development) the host and origin the request was made to.
     */
    public RelyingParty relyingParty(jakarta.servlet.http.HttpServletRequest request) {
        String host = request.getServerName();
        int port = request.getServerPort();
        String scheme = request.getScheme();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String origin = scheme + "://" + host + (defaultPort ? "" : ":" + port);
        return new RelyingParty(configuredRpId.isBlank() ? host : configuredRpId,
                configuredOrigins.isEmpty() ? Set.of(origin) : configuredOrigins);
    }

    /** A registered key, as its owner sees it. */
    public record Key(long id, String label, java.time.Instant createdAt, java.time.Instant lastUsedAt) {
    }

    /** The site's identity for WebAuthn: its host name (relying party id) and the origins it is served from. */
    public record RelyingParty(String id, Set<String> origins) {
    }

    /** A key or an assertion was refused: why, in words a user can act on. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public static String newChallenge() {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        return B64URL.encodeToString(challenge);
    }

    public List<Key> of(long userId) {
        return jdbc.sql("SELECT id, label, created_at, last_used_at FROM security_key WHERE user_id = :u ORDER BY id")
                .param("u", userId)
                .query((rs, n) -> new Key(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    public boolean hasKeys(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM security_key WHERE user_id = :u").param("u", userId).query(Long.class).single() > 0;
    }

    /** PublicKeyCredentialCreationOptionsJSON (WebAuthn level 3) for registering a new key. */
    public String creationOptions(long userId, String username, RelyingParty rp, String challenge) {
        String exclude = credentialIds(userId).stream().map(id -> "{\"type\":\"public-key\",\"id\":\"" + id + "\"}")
                .collect(Collectors.joining(","));
        return "{\"rp\":{\"name\":\"" + RP_NAME + "\",\"id\":\"" + rp.id() + "\"},"
                + "\"user\":{\"id\":\"" + B64URL.encodeToString(Long.toString(userId).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + "\",\"name\":\"" + username + "\",\"displayName\":\"" + username + "\"},"
                + "\"challenge\":\"" + challenge + "\","
                + "\"pubKeyCredParams\":[{\"type\":\"public-key\",\"alg\":-7},{\"type\":\"public-key\",\"alg\":-257}],"
                + "\"timeout\":120000,\"excludeCredentials\":[" + exclude + "],"
                + "\"authenticatorSelection\":{\"residentKey\":\"discouraged\",\"userVerification\":\"required\"},"
                + "\"attestation\":\"none\"}";
    }

    /** PublicKeyCredentialRequestOptionsJSON for the second sign-in step: only this user's keys are allowed. */
    public String requestOptions(long userId, RelyingParty rp, String challenge) {
        String allow = credentialIds(userId).stream().map(id -> "{\"type\":\"public-key\",\"id\":\"" + id + "\"}")
                .collect(Collectors.joining(","));
        return "{\"challenge\":\"" + challenge + "\",\"timeout\":120000,\"rpId\":\"" + rp.id() + "\","
                + "\"allowCredentials\":[" + allow + "],\"userVerification\":\"required\"}";
    }

    private List<String> credentialIds(long userId) {
        return jdbc.sql("SELECT credential_id FROM security_key WHERE user_id = :u").param("u", userId).query(String.class).list();
    }

    /**
     * Registers a key from the browser's registration response (PublicKeyCredential.toJSON()).
     *
     * @throws Refused when the response does not verify, or the user has too many keys
     */
    @Transactional
    public void register(Viewer owner, String responseJson, String label, RelyingParty rp, String challenge) {
        if (of(owner.userId()).size() >= MAX_KEYS) {
            throw new Refused("You already have " + MAX_KEYS + " security keys: remove one first");
        }
        String name = label == null || label.isBlank() ? "Security key" : label.trim();
        if (name.length() > 100) {
            throw new Refused("Give the key a name of up to 100 characters");
        }
        RegistrationData data;
        try {
            data = webAuthn.verifyRegistrationResponseJSON(responseJson, new RegistrationParameters(
                    serverProperty(rp, challenge),
                    List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
                            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256)),
                    true, true));
        } catch (RuntimeException e) {
            throw new Refused("The security key could not be registered: try again, and enter the key's PIN when asked");
        }
        var authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        jdbc.sql("""
                        INSERT INTO security_key (user_id, credential_id, attested_credential_data, sign_count, label, created_at)
                        VALUES (:u, :id, :data, :count, :label, :now)""")
                .param("u", owner.userId()).param("id", B64URL.encodeToString(attested.getCredentialId()))
                .param("data", Base64.getEncoder().encodeToString(credentials.convert(attested)))
                .param("count", authenticatorData.getSignCount()).param("label", name)
                .param("now", Timestamp.from(clock.instant())).update();
        events.publishEvent(AccountEvent.by(owner, AccountEvent.Kind.SECURITY_KEY_ADDED, owner.userId(), null));
    }

    @Transactional
    public void remove(Viewer owner, long keyId) {
        if (jdbc.sql("DELETE FROM security_key WHERE id = :id AND user_id = :u").param("id", keyId).param("u", owner.userId()).update() == 1) {
            events.publishEvent(AccountEvent.by(owner, AccountEvent.Kind.SECURITY_KEY_REMOVED, owner.userId(), "key=" + keyId));
        }
    }

    /**
     * Verifies a sign-in assertion (PublicKeyCredential.toJSON()) for this user: true only for one of their
     * own keys, with user verification, this challenge and origin, and a counter that moved forward.
     */
    @Transactional
    public boolean verify(long userId, String responseJson, RelyingParty rp, String challenge) {
        AuthenticationData parsed;
        try {
            parsed = webAuthn.parseAuthenticationResponseJSON(responseJson);
        } catch (RuntimeException e) {
            return false;
        }
        String credentialId = B64URL.encodeToString(parsed.getCredentialId());
        var stored = jdbc.sql("SELECT id, attested_credential_data, sign_count FROM security_key WHERE user_id = :u AND credential_id = :c")
                .param("u", userId).param("c", credentialId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)}).optional();
        if (stored.isEmpty()) {
            return false;
        }
        long keyId = (Long) stored.get()[0];
        long count = (Long) stored.get()[2];
        AttestedCredentialData attested = credentials.convert(Base64.getDecoder().decode((String) stored.get()[1]));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, count,
                attested, null, null, null, null);
        try {
            webAuthn.verify(parsed, new AuthenticationParameters(serverProperty(rp, challenge), record,
                    List.of(parsed.getCredentialId()), true, true));
        } catch (RuntimeException e) {
            return false;
        }
        long newCount = parsed.getAuthenticatorData().getSignCount();
        return jdbc.sql("""
                        UPDATE security_key SET sign_count = :n, last_used_at = :now
                        WHERE id = :id AND (sign_count < :n OR (sign_count = 0 AND :n = 0))""")
                .param("n", newCount).param("now", Timestamp.from(clock.instant())).param("id", keyId).update() == 1;
    }

    private static ServerProperty serverProperty(RelyingParty rp, String challenge) {
        Set<Origin> origins = rp.origins().stream().map(Origin::new).collect(Collectors.toSet());
        return new ServerProperty(origins, rp.id(), new DefaultChallenge(B64URL_DECODE.decode(challenge)));
    }
}
