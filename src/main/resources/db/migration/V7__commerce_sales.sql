-- Commerce sales: sales, their product sales (lines), gateway transactions, refunds, and each customer's
-- lifetime value, kept current by deltas in the transaction of every sale write (issue 4; definitions in
-- docs/commerce.md). Records are never deleted: the app role gets no DELETE. Amounts are numeric(14,2);
-- lifetime sums are numeric(20,2). Foreign keys carry tenant_id, so a row can only point into its tenant.

CREATE TABLE sale (
    tenant_id            varchar(20)    NOT NULL REFERENCES tenant (id),
    id                   varchar(20)    NOT NULL,
    customer_id          varchar(20)    NOT NULL,
    -- The caller's id of the sale; with request_sha256 (of the request that recorded it) it makes a replay
    -- of the same CreateSale a no-op and a different sale under the same external_id a conflict.
    external_id          text,
    request_sha256       bytea,
    status               text           NOT NULL CHECK (status IN ('paid', 'pending_declined', 'pending_abandoned',
                                                        'failed_declined', 'void', 'partially_refunded', 'refunded')),
    campaign_id          varchar(20),
    third_party_shop_id  varchar(20),
    sold_at              timestamptz    NOT NULL,
    subtotal             numeric(14,2)  NOT NULL CHECK (subtotal >= 0),
    discount             numeric(14,2)  NOT NULL CHECK (discount >= 0),
    tax                  numeric(14,2)  NOT NULL CHECK (tax >= 0),
    shipping             numeric(14,2)  NOT NULL CHECK (shipping >= 0),
    total                numeric(14,2)  NOT NULL CHECK (total >= 0),
    refunded             numeric(14,2)  NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= total),
    created_at           timestamptz    NOT NULL,
    updated_at           timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaign (tenant_id, id),
    FOREIGN KEY (tenant_id, third_party_shop_id) REFERENCES third_party_shop (tenant_id, id)
);
CREATE UNIQUE INDEX sale_by_external_id ON sale (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX sale_by_customer ON sale (tenant_id, customer_id, sold_at DESC, id DESC);
CREATE INDEX sale_by_campaign ON sale (tenant_id, campaign_id) WHERE campaign_id IS NOT NULL;
ALTER TABLE sale ENABLE ROW LEVEL SECURITY;
ALTER TABLE sale FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sale
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON sale TO ${app_role};

CREATE TABLE product_sale (
    tenant_id    varchar(20)    NOT NULL REFERENCES tenant (id),
    id           varchar(20)    NOT NULL,
    sale_id      varchar(20)    NOT NULL,
    customer_id  varchar(20)    NOT NULL,
    position     smallint       NOT NULL CHECK (position BETWEEN 0 AND 99),
    product_id   varchar(20)    NOT NULL,
    quantity     integer        NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    price        numeric(14,2)  NOT NULL CHECK (price >= 0),
    discount     numeric(14,2)  NOT NULL CHECK (discount >= 0),
    tax          numeric(14,2)  NOT NULL CHECK (tax >= 0),
    shipping     numeric(14,2)  NOT NULL CHECK (shipping >= 0),
    upsell       boolean        NOT NULL,
    total        numeric(14,2)  NOT NULL CHECK (total >= 0 AND total = quantity * price - discount + tax + shipping),
    refunded     numeric(14,2)  NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= total),
    created_at   timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, sale_id, position),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id)
);
CREATE INDEX product_sale_by_customer ON product_sale (tenant_id, customer_id, product_id);
CREATE INDEX product_sale_by_product ON product_sale (tenant_id, product_id);
ALTER TABLE product_sale ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_sale FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON product_sale
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON product_sale TO ${app_role};

CREATE TABLE refund (
    tenant_id        varchar(20)    NOT NULL REFERENCES tenant (id),
    id               varchar(20)    NOT NULL,
    sale_id          varchar(20)    NOT NULL,
    product_sale_id  varchar(20),
    customer_id      varchar(20)    NOT NULL,
    amount           numeric(14,2)  NOT NULL CHECK (amount > 0),
    reason           text,
    created_at       timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, product_sale_id) REFERENCES product_sale (tenant_id, id)
);
CREATE INDEX refund_by_sale ON refund (tenant_id, sale_id, created_at);
CREATE INDEX refund_by_customer ON refund (tenant_id, customer_id);
ALTER TABLE refund ENABLE ROW LEVEL SECURITY;
ALTER TABLE refund FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refund
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON refund TO ${app_role};

CREATE TABLE sale_transaction (
    tenant_id                 varchar(20)    NOT NULL REFERENCES tenant (id),
    id                        varchar(20)    NOT NULL,
    sale_id                   varchar(20)    NOT NULL,
    customer_id               varchar(20)    NOT NULL,
    refund_id                 varchar(20),
    kind                      text           NOT NULL CHECK (kind IN ('sale', 'refund', 'void')),
    amount                    numeric(14,2)  NOT NULL CHECK (amount >= 0),
    success                   boolean        NOT NULL,
    gateway_response_code     text,
    gateway_response_message  text,
    created_at                timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, refund_id) REFERENCES refund (tenant_id, id)
);
CREATE INDEX sale_transaction_by_sale ON sale_transaction (tenant_id, sale_id, created_at);
ALTER TABLE sale_transaction ENABLE ROW LEVEL SECURITY;
ALTER TABLE sale_transaction FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sale_transaction
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON sale_transaction TO ${app_role};

-- One row per customer with at least one sale, changed by deltas in each sale write's transaction and
-- rebuilt from the records by RebuildLifetimeValues. gross, net and total are derived here so that the
-- formulas have one definition that SQL (reports, group qualifiers) and the service both read; avg_sale is
-- computed at read time (sale_gross / num_success_sale, half-even to cents). Chargebacks are not recorded
-- yet: chargeback_amount stays 0 until they are.
CREATE TABLE lifetime_value (
    tenant_id                  varchar(20)    NOT NULL REFERENCES tenant (id),
    customer_id                varchar(20)    NOT NULL,
    num_sale                   integer        NOT NULL DEFAULT 0,
    num_success_sale           integer        NOT NULL DEFAULT 0,
    num_pending_declined_sale  integer        NOT NULL DEFAULT 0,
    num_pending_abandoned_sale integer        NOT NULL DEFAULT 0,
    num_failed_declined_sale   integer        NOT NULL DEFAULT 0,
    num_void_sale              integer        NOT NULL DEFAULT 0,
    num_upsell_sale            integer        NOT NULL DEFAULT 0,
    sale_gross                 numeric(20,2)  NOT NULL DEFAULT 0,
    discounted                 numeric(20,2)  NOT NULL DEFAULT 0,
    refunded                   numeric(20,2)  NOT NULL DEFAULT 0,
    remaining                  numeric(20,2)  NOT NULL DEFAULT 0,
    amount_to_salvage          numeric(20,2)  NOT NULL DEFAULT 0,
    chargeback_amount          numeric(20,2)  NOT NULL DEFAULT 0,
    gross                      numeric(20,2)  GENERATED ALWAYS AS (sale_gross) STORED,
    net                        numeric(20,2)  GENERATED ALWAYS AS (sale_gross - refunded - chargeback_amount) STORED,
    total                      numeric(20,2)  GENERATED ALWAYS AS (sale_gross + remaining) STORED,
    last_sale_at               timestamptz,
    updated_at                 timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, customer_id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX lifetime_value_by_net ON lifetime_value (tenant_id, net);
ALTER TABLE lifetime_value ENABLE ROW LEVEL SECURITY;
ALTER TABLE lifetime_value FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lifetime_value
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON lifetime_value TO ${app_role};
