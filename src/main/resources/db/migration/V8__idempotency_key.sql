-- Idempotency keys of write calls: the first successful answer under a key, replayed to retries for 24 hours.
-- The row is written in the call's own transaction, so a call that failed leaves no key behind.
CREATE TABLE idempotency_key (
    tenant_id     varchar(20)  NOT NULL REFERENCES tenant (id),
    key           varchar(255) NOT NULL,
    operation     text         NOT NULL,
    request_hash  bytea        NOT NULL,   -- SHA-256 of the operation name and the canonical request
    response      jsonb,                   -- the success envelope; null only inside the first call's transaction
    api_call_id   varchar(20)  NOT NULL,
    created_at    timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_key_by_age ON idempotency_key (created_at);
ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_key
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON idempotency_key TO ${app_role};
