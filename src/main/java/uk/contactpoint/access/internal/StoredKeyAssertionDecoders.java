package uk.contactpoint.access.internal;

import java.text.ParseException;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Checks a client's {@code private_key_jwt} assertion against the public key stored when the client was
 * registered, instead of fetching a JWK Set from the client's URL (Spring's default): ContactPoint reaches no
 * other host, and a key changes only by a new registration. The claims (iss, sub, aud, exp) are checked by
 * Spring's own validator.
 */
final class StoredKeyAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

    private final ApiClientRepository clients;

    StoredKeyAssertionDecoders(ApiClientRepository clients) {
        this.clients = clients;
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        String json = clients.publicJwk(client.getClientId()).orElseThrow(() -> invalid("the client has no registered key"));
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException e) {
            throw invalid("the client's registered key cannot be read");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk)))
                .jwsAlgorithm(jwk instanceof ECKey ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
        return decoder;
    }

    private static OAuth2AuthenticationException invalid(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, why, null));
    }
}
