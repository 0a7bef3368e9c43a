-- The caller's ids of records loaded by ImportCommerceHistory, for kinds whose table has no external id of
-- its own (customers, refunds; later subscriptions, shipments, ...): one row per (kind, external_id) with the
-- record it became and the SHA-256 of the record as sent, so replaying a batch writes nothing and a
-- different record under the same id is a conflict. Sales keep their external id on the sale.
CREATE TABLE imported_record (
    tenant_id       varchar(20)  NOT NULL REFERENCES tenant (id),
    kind            text         NOT NULL,
    external_id     text         NOT NULL,
    item_id         varchar(20)  NOT NULL,
    request_sha256  bytea        NOT NULL,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, kind, external_id)
);
ALTER TABLE imported_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE imported_record FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON imported_record
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON imported_record TO ${app_role};
