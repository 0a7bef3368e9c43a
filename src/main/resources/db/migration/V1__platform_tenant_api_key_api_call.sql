-- Platform: tenants, their API keys, and the api_call log.
-- Every tenant table: tenant_id leads the primary key; RLS is forced, and the policy reads
-- current_setting('app.tenant_id', true), so a session that set no tenant sees no rows at all.

CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS btree_gin;

GRANT USAGE ON SCHEMA public TO ${app_role};

CREATE TABLE tenant (
    id          varchar(20) PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL
);
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
    USING (id = current_setting('app.tenant_id', true))
    WITH CHECK (id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON tenant TO ${app_role};

CREATE TABLE api_key (
    tenant_id   varchar(20) NOT NULL REFERENCES tenant (id),
    id          varchar(20) NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE,   -- SHA-256 of the key; the key itself is shown once and never stored
    key_prefix  text        NOT NULL,          -- first characters, so a user can tell keys apart
    scopes      text[]      NOT NULL CHECK (scopes <@ ARRAY['read', 'write']::text[] AND cardinality(scopes) > 0),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
);
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
-- Authentication happens before the tenant is known: the owner may read keys by hash, through the
-- SECURITY DEFINER function below only (the app role has no direct path around RLS).
CREATE POLICY key_lookup ON api_key FOR SELECT TO CURRENT_USER USING (true);
GRANT SELECT, INSERT, UPDATE ON api_key TO ${app_role};

CREATE FUNCTION authenticate_api_key(p_key_hash bytea)
    RETURNS TABLE (tenant_id varchar, api_key_id varchar, scopes text[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
AS $$
    SELECT k.tenant_id, k.id, k.scopes FROM api_key k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION authenticate_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticate_api_key(bytea) TO ${app_role};

-- One row per operation call, success or failure (seed 001 reports on it by type/method/code).
CREATE TABLE api_call (
    tenant_id     varchar(20) NOT NULL,
    id            varchar(20) NOT NULL,
    operation     text        NOT NULL,
    type          text        NOT NULL,
    method        text        NOT NULL,
    code          smallint    NOT NULL,        -- 1 success, 0 failure
    http_status   smallint    NOT NULL,
    error_type    text,
    actor_kind    text        NOT NULL,
    actor_id      text,
    ai_assistant  varchar(20),
    duration_ms   numeric(12, 3) NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX api_call_by_time ON api_call (tenant_id, created_at DESC);
ALTER TABLE api_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_call FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_call
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON api_call TO ${app_role};
