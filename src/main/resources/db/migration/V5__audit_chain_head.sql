-- The head of each tenant's audit chain: the last sealed position and its hash, with a MAC under the
-- audit key (which lives outside the database). Verification checks the chain ends exactly at the head,
-- so removing the newest rows is detected too; without the key the head cannot be moved back.
CREATE TABLE audit_chain_head (
    tenant_id   varchar(20) PRIMARY KEY,
    position    bigint      NOT NULL,
    hash        bytea       NOT NULL,
    mac         bytea       NOT NULL,
    sealed_at   timestamptz NOT NULL
);
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_head FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_head
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
-- Written by the sealer (owner) only; the app role may read it.
GRANT SELECT ON audit_chain_head TO ${app_role};
