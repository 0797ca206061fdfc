-- ADR 35: the OAuth 2.1 authorization server's tables, as Spring Security 7.1 ships them
-- (oauth2-registered-client-schema.sql, oauth2-authorization-schema.sql), with character varying for blob, as on
-- PostgreSQL (text). The types must match on both databases: JdbcOAuth2AuthorizationService reads the columns' types
-- into a static map when constructed, so with blob here an H2 context made after a PostgreSQL one in the same JVM
-- (as in the test suite) made the PostgreSQL one bind token values as bytea ("operator does not exist: text = bytea").
-- Consent is not asked (the authority registers its CMS; the practitioner's login is the grant), so there is no consent table.
CREATE TABLE oauth2_registered_client (
    id varchar(100) NOT NULL,
    client_id varchar(100) NOT NULL,
    client_id_issued_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(200) DEFAULT NULL,
    client_secret_expires_at timestamp DEFAULT NULL,
    client_name varchar(200) NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar(1000) DEFAULT NULL,
    post_logout_redirect_uris varchar(1000) DEFAULT NULL,
    scopes varchar(1000) NOT NULL,
    client_settings varchar(2000) NOT NULL,
    token_settings varchar(2000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar(1000) DEFAULT NULL,
    attributes CHARACTER VARYING DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value CHARACTER VARYING DEFAULT NULL,
    authorization_code_issued_at timestamp DEFAULT NULL,
    authorization_code_expires_at timestamp DEFAULT NULL,
    authorization_code_metadata CHARACTER VARYING DEFAULT NULL,
    access_token_value CHARACTER VARYING DEFAULT NULL,
    access_token_issued_at timestamp DEFAULT NULL,
    access_token_expires_at timestamp DEFAULT NULL,
    access_token_metadata CHARACTER VARYING DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar(1000) DEFAULT NULL,
    oidc_id_token_value CHARACTER VARYING DEFAULT NULL,
    oidc_id_token_issued_at timestamp DEFAULT NULL,
    oidc_id_token_expires_at timestamp DEFAULT NULL,
    oidc_id_token_metadata CHARACTER VARYING DEFAULT NULL,
    refresh_token_value CHARACTER VARYING DEFAULT NULL,
    refresh_token_issued_at timestamp DEFAULT NULL,
    refresh_token_expires_at timestamp DEFAULT NULL,
    refresh_token_metadata CHARACTER VARYING DEFAULT NULL,
    user_code_value CHARACTER VARYING DEFAULT NULL,
    user_code_issued_at timestamp DEFAULT NULL,
    user_code_expires_at timestamp DEFAULT NULL,
    user_code_metadata CHARACTER VARYING DEFAULT NULL,
    device_code_value CHARACTER VARYING DEFAULT NULL,
    device_code_issued_at timestamp DEFAULT NULL,
    device_code_expires_at timestamp DEFAULT NULL,
    device_code_metadata CHARACTER VARYING DEFAULT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX oauth2_authorization_client ON oauth2_authorization (registered_client_id);

-- ContactPoint's own facts about each registered client (ADR 35): what kind of machine it is, for which
-- authority (none: national), which supplier of the register it is (suppliers only), the public key (a JWK)
-- its private_key_jwt assertions are checked against, and who registered it. No remote JWK Set is ever fetched.
CREATE TABLE api_client (
    client_id        VARCHAR(100)  PRIMARY KEY,
    kind             VARCHAR(10)   NOT NULL,
    name             VARCHAR(200)  NOT NULL,
    local_authority  VARCHAR(9)    REFERENCES local_authority (gss_code),
    supplier_code    VARCHAR(40)   REFERENCES supplier (code),
    public_jwk       VARCHAR(4000) NOT NULL,
    registered_by    VARCHAR(100)  NOT NULL,
    registered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    revoked_by       VARCHAR(100),
    CONSTRAINT api_client_kind CHECK (kind IN ('CMS', 'SUPPLIER')),
    CONSTRAINT api_client_supplier CHECK ((kind = 'SUPPLIER') = (supplier_code IS NOT NULL))
);
CREATE INDEX api_client_la ON api_client (local_authority);
