-- The audit log: every change with before/after, actor, origin and time. Append-only for the app role
-- (INSERT and SELECT only), and a trigger refuses DELETE, TRUNCATE and any UPDATE except sealing:
-- the sealer (owner role) sets chain_position/prev_hash/hash once, in commit order per tenant, so each
-- row carries a SHA-256 chained to the previous row of its tenant. Verification recomputes the chain.

CREATE TABLE audit_log (
    tenant_id       varchar(20) NOT NULL,
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    item_type       text        NOT NULL,
    item_id         varchar(20) NOT NULL,
    action          text        NOT NULL,
    before          jsonb,
    after           jsonb,
    actor_kind      text        NOT NULL,
    actor_id        text,
    api_call_id     varchar(20),
    ip              text,
    user_agent      text,
    created_at      timestamptz NOT NULL,
    chain_position  bigint,
    prev_hash       bytea,
    hash            bytea,
    PRIMARY KEY (tenant_id, id),
    CHECK ((chain_position IS NULL) = (hash IS NULL))
);
CREATE UNIQUE INDEX audit_log_chain ON audit_log (tenant_id, chain_position) WHERE chain_position IS NOT NULL;
CREATE INDEX audit_log_by_item ON audit_log (tenant_id, item_type, item_id, id);
CREATE INDEX audit_log_unsealed ON audit_log (tenant_id, id) WHERE hash IS NULL;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON audit_log TO ${app_role};

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF current_user = '${app_role}'
       OR OLD.hash IS NOT NULL
       OR NEW.hash IS NULL
       OR (to_jsonb(NEW) - 'chain_position' - 'prev_hash' - 'hash')
          IS DISTINCT FROM (to_jsonb(OLD) - 'chain_position' - 'prev_hash' - 'hash') THEN
        RAISE EXCEPTION 'audit_log is append-only: rows can be sealed once and never changed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The sealer runs as the owner and must find every tenant's unsealed rows after a restart.
CREATE POLICY audit_sealer ON audit_log FOR SELECT TO CURRENT_USER USING (true);
