package uk.contactpoint.access.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key the authorization server signs access tokens with ({@code contactpoint.oauth.signing-key},
 * {@code id:base64(PKCS#8)}); the id becomes the key id ({@code kid}). Development has a default key, which is
 * public: ProductionGuard refuses to start {@code prod} with it or without a key.
 */
public final class OAuthSigningKey {

    /** The development key: public, so the prod profile refuses it. */
    public static final String DEV_SIGNING_KEY = "dev:MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC/xBeQIi4Z2SWn0hlJy1fpmJ2Sgq623BBbjBSKHCiVcZO9e0mX8GDlaB4bMaK8RPVkKQTQIh8rD6o5noeCLFI7NrTG7Tlg7FIIMysn8MBBKyJRKxOKltieLqjeiPNZ6lrtzOlmn5dczI4eKiel8/XA184vMG1KwE6B63GHOFyUUh70nCZN6OZ5OBzKfRFseEYISWvxQm/KnUCLSkKAi3Pn2d3a9YCSdD8B1VsREryLIChyvoPjB1h39vthqcZCC5XNonDZeAtEeSfNpq8HpCYT+Vg83c85skeAHqQyjwg90dJybEx6Gg4/MhBftC7EQp3MJK9l3JgxjTThokRxAnA5AgMBAAECggEAU0ZIwzcMlP32u7Nhdum+QfsbxjFIxLC4y8B/dOA4gXkiYqDEux3QPh7iIAYEeMRrWbT0WZvPtCfn0IC2sMElboBZrZ77kUrebqAlyADkxAgCrYPKxx6tb7esboLDRpMeLHEVFBMOrGZJ+vBsakUQPc+ZQmXBuDndfc6r7L/9eAyWy1eHVMlT7xabzu0MRs4N+bgy3EcItJ5NgnC10aT+7I828rLUldCleRvoAUrAg0BE+GFMCBSo9S3wZaCsCk0yJLOcX61HLL1MJGTUuH1xSvXl0+fpgWGAUkjd5qYWpVjeqk8pKGGB6gPQGf34SKmDFmRNkQtp62Z072EON9HQvwKBgQDkwoHjLSEt+/5r1WhPwFxsK02lYwMlvXdGOWA55+uG4xHdO8Ae4lPFnDa5HINkeHAPbgqRZLsLp8gtoB8lcEKRXodnxZoZgRx5haSbxxwdAX2SuDMowJkvdOb4/bcvpqbzgv70iIqTUCbdUx37p0xzOPJAjUzqN0fArJq5Om86awKBgQDWmd5m306P0ot47iEJp01nPSncq7CI9CVg4/fI86GW4BIIfleHiwvghB1WqvoAmUkdHm1JMxZOR+foNd4I+Jj5aCHLcbMOcb1PB2sEYnJLwBJnOjchNd8+ZHduCwv/b+BJZZTGQsXCYyJevsuVe99HuZSnAlOJql9JBcFMkktw6wKBgF6sjTrq64dveh1Axhnzf4yY41qmPqA46IscpdFxRU2e3j7UQq/FdWwcOZ2kylAjdCU+oosHyE2Lk9ImKZ3B9xrYp2twIVWa1KEKiVSbM+xhOIonR6z/AKbeV9UGk/DZpNC1DzU+6TMMgfkpNAh5da9eCwxiLknktQJtrN8p6uyfAoGAWpAarB0m4Uj/9OvBY3qIDr5gETEfUdx+fbIW2mX+VlZ/Jbhzpc7HF1uJqg6DbIdDtJcnlZGKo0RzGKrK5cxLek04ncuAveK/+j7uKa6F/3OyEIAfzdMXQBRT1kuxJ34GD9Nfgn+hR1Rgp80qyw24f2NQ2V4A9QLCLWXRWkgOsDsCgYEAkzJOE9z58qr7WL55ysB8zy34ejgyj5PFANq/hvSes7N8zfKEM7OV0BkSE2jkoR3Hbu9AGTYTGeP9EHFhw3vflw0OUqi0fzJfwb6LMB1EtpufHoyqfMP+1cNK7+Q2fePwDxGIv+/cSdk18/SllLulYu4KX5aK62dloiTlhsC61fM=";

    private OAuthSigningKey() {
    }

    static RSAKey parse(String configured) {
        String value = configured == null ? "" : configured.trim();
        int colon = value.indexOf(':');
        if (colon < 1) {
            throw new IllegalStateException("contactpoint.oauth.signing-key must be id:base64(PKCS#8 RSA private key)");
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(value.substring(colon + 1))));
            if (privateKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("contactpoint.oauth.signing-key must be an RSA key of at least 2048 bits");
            }
            BigInteger e = privateKey.getPublicExponent();
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), e));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(value.substring(0, colon))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("contactpoint.oauth.signing-key is not id:base64(PKCS#8 RSA private key)", e);
        }
    }
}
