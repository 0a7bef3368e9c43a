-- Customer core: customers (soft delete), metadata and notes on customer-related items.

CREATE TABLE customer (
    tenant_id         varchar(20)  NOT NULL REFERENCES tenant (id),
    id                varchar(20)  NOT NULL,
    first_name        text,
    last_name         text,
    email             text,
    email_normalized  text,
    phone             text,
    phone_e164        text,
    company           text,
    internal_id       text,
    campaign_id       varchar(20),
    address_line1     text,
    address_line2     text,
    city              text,
    state             text,
    zip               text,
    country           varchar(2),
    status            text         NOT NULL CHECK (status IN ('enabled', 'disabled', 'blocked')),
    lifecycle_stage   text         NOT NULL CHECK (lifecycle_stage IN ('prospect', 'lead', 'customer', 'churned')),
    tags              text[]       NOT NULL DEFAULT '{}',
    source            text,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    deleted_at        timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX customer_newest ON customer (tenant_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX customer_by_email ON customer (tenant_id, email_normalized) WHERE deleted_at IS NULL;
CREATE INDEX customer_by_phone ON customer (tenant_id, phone_e164) WHERE deleted_at IS NULL;
CREATE INDEX customer_by_internal_id ON customer (tenant_id, internal_id) WHERE deleted_at IS NULL;
CREATE INDEX customer_by_campaign ON customer (tenant_id, campaign_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX customer_by_tags ON customer USING gin (tenant_id, tags) WHERE deleted_at IS NULL;
ALTER TABLE customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON customer TO ${app_role};

-- Name/value pairs on an item (customer now; sale, product_sale, shipping, subscription and
-- subscription_renewal when commerce lands). customer_id is the item's customer, for history.
CREATE TABLE metadata (
    tenant_id    varchar(20) NOT NULL,
    id           varchar(20) NOT NULL,
    item_type    text        NOT NULL,
    item_id      varchar(20) NOT NULL,
    customer_id  varchar(20),
    name         varchar(100) NOT NULL,
    value        varchar(255) NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, item_type, item_id, name)
);
CREATE INDEX metadata_by_name_value ON metadata (tenant_id, name, value);
CREATE INDEX metadata_by_customer ON metadata (tenant_id, customer_id);
ALTER TABLE metadata ENABLE ROW LEVEL SECURITY;
ALTER TABLE metadata FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON metadata
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON metadata TO ${app_role};

CREATE TABLE note (
    tenant_id    varchar(20) NOT NULL,
    id           varchar(20) NOT NULL,
    item_type    text        NOT NULL,
    item_id      varchar(20) NOT NULL,
    customer_id  varchar(20),
    text         text        NOT NULL,
    author_kind  text        NOT NULL,
    author_name  text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX note_by_item ON note (tenant_id, item_type, item_id, created_at DESC);
CREATE INDEX note_by_customer ON note (tenant_id, customer_id, created_at DESC);
ALTER TABLE note ENABLE ROW LEVEL SECURITY;
ALTER TABLE note FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON note
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON note TO ${app_role};
