-- Duplicate detection: identifier values that must never match (junk such as test@test.com or
-- 0000000000, which would otherwise fuse hundreds of customers), and duplicates suggested when a
-- find-or-create found only a weaker match and created the customer anyway.
CREATE TABLE match_blocklist (
    tenant_id   varchar(20)  NOT NULL REFERENCES tenant (id),
    kind        text         NOT NULL CHECK (kind IN ('email', 'phone', 'name')),
    value       varchar(254) NOT NULL,   -- normalised as matching compares it
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, kind, value)
);
ALTER TABLE match_blocklist ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_blocklist FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON match_blocklist
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, DELETE ON match_blocklist TO ${app_role};

CREATE TABLE suggested_duplicate (
    tenant_id     varchar(20) NOT NULL,
    customer_id   varchar(20) NOT NULL,
    duplicate_of  varchar(20) NOT NULL,
    confidence    smallint    NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    matched_keys  text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id, duplicate_of),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id),
    FOREIGN KEY (tenant_id, duplicate_of) REFERENCES customer (tenant_id, id)
);
CREATE INDEX suggested_duplicate_by_confidence ON suggested_duplicate (tenant_id, confidence DESC);
ALTER TABLE suggested_duplicate ENABLE ROW LEVEL SECURITY;
ALTER TABLE suggested_duplicate FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON suggested_duplicate
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON suggested_duplicate TO ${app_role};
