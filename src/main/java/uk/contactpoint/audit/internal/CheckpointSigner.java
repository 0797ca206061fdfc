package uk.contactpoint.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ed25519 signatures over checkpoints. The signing key ({@code contactpoint.audit.signing-key},
 * {@code id:base64(PKCS#8)}) signs; every key in {@code contactpoint.audit.verify-keys}
 * ({@code id:base64(X.509)[,...]}) verifies, so a key is rotated by signing with a new one while the old
 * public key stays listed. The defaults are a public development pair; the prod profile refuses them.
 */
@Component
public class CheckpointSigner {

    public static final String DEV_SIGNING_KEY = "dev:MC4CAQAwBQYDK2VwBCIEIPLNUh+TOZRw/yieWasNfOAGeFEV86quRrG0aoeLZVZM";
    public static final String DEV_VERIFY_KEYS = "dev:MCowBQYDK2VwAyEANQJ1blPb3w0aAr5I3y6N1kwj4NzgJC9wFYKA78+xfl8=";

    private final String keyId;
    private final PrivateKey signingKey;
    private final Map<String, PublicKey> verifyKeys = new LinkedHashMap<>();

    public CheckpointSigner(@Value("${contactpoint.audit.signing-key:" + DEV_SIGNING_KEY + "}") String signing,
                            @Value("${contactpoint.audit.verify-keys:" + DEV_VERIFY_KEYS + "}") String verify) {
        try {
            KeyFactory ed = KeyFactory.getInstance("Ed25519");
            String[] parts = signing.trim().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("contactpoint.audit.signing-key must be id:base64(PKCS#8 Ed25519 key)");
            }
            keyId = parts[0];
            signingKey = ed.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
            for (String entry : verify.split(",")) {
                String[] kv = entry.trim().split(":", 2);
                if (kv.length == 2) {
                    verifyKeys.put(kv[0], ed.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(kv[1]))));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Audit checkpoint keys cannot be read: " + e.getMessage(), e);
        }
    }

    /** What a checkpoint signs: the chain position, its head hash and the time, one per line. */
    static byte[] message(long chainSeq, String headHash, Instant createdAt) {
        return ("contactpoint-audit-checkpoint\n" + chainSeq + "\n" + headHash + "\n" + createdAt)
                .getBytes(StandardCharsets.US_ASCII);
    }

    String keyId() {
        return keyId;
    }

    /** What a removal of old segments signs (ADR 33): where the chain now starts, and from which hash. */
    static byte[] retentionMessage(long throughSeq, String anchorHash, Instant removedAt) {
        return ("contactpoint-audit-retention\n" + throughSeq + "\n" + anchorHash + "\n" + removedAt)
                .getBytes(StandardCharsets.US_ASCII);
    }

    String sign(long chainSeq, String headHash, Instant createdAt) {
        return sign(message(chainSeq, headHash, createdAt));
    }

    String signRetention(long throughSeq, String anchorHash, Instant removedAt) {
        return sign(retentionMessage(throughSeq, anchorHash, removedAt));
    }

    private String sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signingKey);
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature is valid under the named key (an unknown key id verifies nothing). */
    public boolean verify(String keyId, long chainSeq, String headHash, Instant createdAt, String signature) {
        return verify(keyId, message(chainSeq, headHash, createdAt), signature);
    }

    /** Whether a record of removed segments is validly signed under the named key. */
    public boolean verifyRetention(String keyId, long throughSeq, String anchorHash, Instant removedAt, String signature) {
        return verify(keyId, retentionMessage(throughSeq, anchorHash, removedAt), signature);
    }

    private boolean verify(String keyId, byte[] message, String signature) {
        PublicKey key = verifyKeys.get(keyId);
        if (key == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
