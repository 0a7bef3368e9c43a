-- Commerce catalogue: product groups, products, campaigns and third-party shops (issue 4).
-- Items are never deleted, so the app role gets no DELETE. internal_id is the caller's own id for an item;
-- it is unique per tenant and kind, which is what makes an upsert by internal_id idempotent.
-- Amounts are numeric(14,2) in the tenant's currency.

CREATE TABLE product_group (
    tenant_id    varchar(20)  NOT NULL REFERENCES tenant (id),
    id           varchar(20)  NOT NULL,
    name         text         NOT NULL,
    internal_id  text,
    description  text,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX product_group_by_internal_id ON product_group (tenant_id, internal_id) WHERE internal_id IS NOT NULL;
CREATE INDEX product_group_newest ON product_group (tenant_id, created_at DESC, id DESC);
ALTER TABLE product_group ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_group FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON product_group
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON product_group TO ${app_role};

CREATE TABLE product (
    tenant_id         varchar(20)    NOT NULL REFERENCES tenant (id),
    id                varchar(20)    NOT NULL,
    name              text           NOT NULL,
    sku               text,
    internal_id       text,
    price             numeric(14,2)  CHECK (price >= 0),
    product_group_id  varchar(20),
    created_at        timestamptz    NOT NULL,
    updated_at        timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    -- tenant_id is part of the key, so a product can only ever be in a group of its own tenant.
    FOREIGN KEY (tenant_id, product_group_id) REFERENCES product_group (tenant_id, id)
);
CREATE UNIQUE INDEX product_by_internal_id ON product (tenant_id, internal_id) WHERE internal_id IS NOT NULL;
CREATE INDEX product_newest ON product (tenant_id, created_at DESC, id DESC);
CREATE INDEX product_by_group ON product (tenant_id, product_group_id, created_at DESC, id DESC);
CREATE INDEX product_by_sku ON product (tenant_id, sku);
ALTER TABLE product ENABLE ROW LEVEL SECURITY;
ALTER TABLE product FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON product
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON product TO ${app_role};

CREATE TABLE campaign (
    tenant_id    varchar(20)  NOT NULL REFERENCES tenant (id),
    id           varchar(20)  NOT NULL,
    name         text         NOT NULL,
    internal_id  text,
    description  text,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX campaign_by_internal_id ON campaign (tenant_id, internal_id) WHERE internal_id IS NOT NULL;
CREATE INDEX campaign_newest ON campaign (tenant_id, created_at DESC, id DESC);
ALTER TABLE campaign ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON campaign TO ${app_role};

-- Marketplaces and other shops the tenant sells through (Amazon, eBay, a reseller).
CREATE TABLE third_party_shop (
    tenant_id    varchar(20)  NOT NULL REFERENCES tenant (id),
    id           varchar(20)  NOT NULL,
    name         text         NOT NULL,
    internal_id  text,
    url          text,
    description  text,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX third_party_shop_by_internal_id ON third_party_shop (tenant_id, internal_id) WHERE internal_id IS NOT NULL;
CREATE INDEX third_party_shop_newest ON third_party_shop (tenant_id, created_at DESC, id DESC);
ALTER TABLE third_party_shop ENABLE ROW LEVEL SECURITY;
ALTER TABLE third_party_shop FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON third_party_shop
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON third_party_shop TO ${app_role};
