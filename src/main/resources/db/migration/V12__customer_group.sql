-- Customer groups (issue 5, seed 002): definitions and manual membership.
-- qualifiers is the request's object as sent (jsonb); the application parses it into its typed qualifier tree.
-- Names are unique per tenant without regard to case, so a composite group's listing is unambiguous.

CREATE TABLE customer_group (
    tenant_id         varchar(20)  NOT NULL REFERENCES tenant (id),
    id                varchar(20)  NOT NULL,
    name              text         NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    description       text,
    enabled           boolean      NOT NULL,
    qualifier_method  text         NOT NULL CHECK (qualifier_method IN ('none', 'specific_values', 'customer_group')),
    qualifiers        jsonb        NOT NULL,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX customer_group_by_name ON customer_group (tenant_id, lower(name));
CREATE INDEX customer_group_newest ON customer_group (tenant_id, created_at DESC, id DESC);
ALTER TABLE customer_group ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_group FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_group
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_group TO ${app_role};

-- how: 'manual' (AddCustomerToGroup); rule evaluation will add 'qualified'.
CREATE TABLE customer_group_member (
    tenant_id          varchar(20)  NOT NULL REFERENCES tenant (id),
    customer_group_id  varchar(20)  NOT NULL,
    customer_id        varchar(20)  NOT NULL,
    added_at           timestamptz  NOT NULL,
    how                text         NOT NULL CHECK (how IN ('manual', 'qualified')),
    PRIMARY KEY (tenant_id, customer_group_id, customer_id),
    FOREIGN KEY (tenant_id, customer_group_id) REFERENCES customer_group (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX customer_group_member_by_customer ON customer_group_member (tenant_id, customer_id);
CREATE INDEX customer_group_member_newest ON customer_group_member (tenant_id, customer_group_id, added_at DESC, customer_id DESC);
ALTER TABLE customer_group_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_group_member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_group_member
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, DELETE ON customer_group_member TO ${app_role};
