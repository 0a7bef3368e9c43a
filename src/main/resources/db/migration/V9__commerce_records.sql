-- Commerce records beside sales (issue 4): chargebacks and PayPal disputes of a sale, fraud detections of a
-- sale or a customer, subscriptions (trials are subscriptions in status trial) and their renewals, refunds
-- of renewals, shipments of sales, and the lifetime value figures they move, kept by deltas in the same transaction
-- (definitions in docs/commerce.md). Records are never deleted: the app role gets no DELETE.

CREATE TABLE chargeback (
    tenant_id    varchar(20)    NOT NULL REFERENCES tenant (id),
    id           varchar(20)    NOT NULL,
    sale_id      varchar(20)    NOT NULL,
    customer_id  varchar(20)    NOT NULL,
    amount       numeric(14,2)  NOT NULL CHECK (amount > 0),
    reason       text,
    created_at   timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX chargeback_by_sale ON chargeback (tenant_id, sale_id, created_at);
CREATE INDEX chargeback_by_customer ON chargeback (tenant_id, customer_id);
ALTER TABLE chargeback ENABLE ROW LEVEL SECURITY;
ALTER TABLE chargeback FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chargeback
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON chargeback TO ${app_role};

CREATE TABLE paypal_dispute (
    tenant_id    varchar(20)    NOT NULL REFERENCES tenant (id),
    id           varchar(20)    NOT NULL,
    sale_id      varchar(20)    NOT NULL,
    customer_id  varchar(20)    NOT NULL,
    amount       numeric(14,2)  NOT NULL CHECK (amount > 0),
    reason       text,
    created_at   timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX paypal_dispute_by_sale ON paypal_dispute (tenant_id, sale_id, created_at);
CREATE INDEX paypal_dispute_by_customer ON paypal_dispute (tenant_id, customer_id);
ALTER TABLE paypal_dispute ENABLE ROW LEVEL SECURITY;
ALTER TABLE paypal_dispute FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON paypal_dispute
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON paypal_dispute TO ${app_role};

-- Of a sale (sale_id set, customer_id its customer) or of a customer alone (sale_id null).
CREATE TABLE fraud_detection (
    tenant_id    varchar(20)    NOT NULL REFERENCES tenant (id),
    id           varchar(20)    NOT NULL,
    sale_id      varchar(20),
    customer_id  varchar(20)    NOT NULL,
    source       text,
    score        integer        CHECK (score BETWEEN 0 AND 100),
    reason       text,
    created_at   timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX fraud_detection_by_sale ON fraud_detection (tenant_id, sale_id, created_at) WHERE sale_id IS NOT NULL;
CREATE INDEX fraud_detection_by_customer ON fraud_detection (tenant_id, customer_id, created_at);
ALTER TABLE fraud_detection ENABLE ROW LEVEL SECURITY;
ALTER TABLE fraud_detection FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fraud_detection
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON fraud_detection TO ${app_role};

-- chargeback_amount (V7, 0 until now) is Σ chargebacks; net already subtracts it. PayPal disputes are a
-- figure of their own and move nothing else (docs/commerce.md says why).
ALTER TABLE lifetime_value
    ADD COLUMN num_chargeback        integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_fraud_detection   integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_paypal_dispute    integer        NOT NULL DEFAULT 0,
    ADD COLUMN paypal_dispute_amount numeric(20,2)  NOT NULL DEFAULT 0;

CREATE TABLE subscription (
    tenant_id         varchar(20)    NOT NULL REFERENCES tenant (id),
    id                varchar(20)    NOT NULL,
    customer_id       varchar(20)    NOT NULL,
    product_id        varchar(20)    NOT NULL,
    sale_id           varchar(20),
    status            text           NOT NULL CHECK (status IN ('active', 'trial', 'overdue', 'occurrence_limit',
                                                    'suspended', 'cancelled')),
    price             numeric(14,2)  NOT NULL CHECK (price >= 0),
    interval_unit     text           NOT NULL CHECK (interval_unit IN ('day', 'week', 'month', 'year')),
    interval_count    integer        NOT NULL CHECK (interval_count BETWEEN 1 AND 1000),
    occurrence_limit  integer        CHECK (occurrence_limit BETWEEN 1 AND 100000),
    next_renewal_at   timestamptz,
    trial_ends_at     timestamptz,
    started_at        timestamptz    NOT NULL,
    created_at        timestamptz    NOT NULL,
    updated_at        timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id),
    FOREIGN KEY (tenant_id, product_id) REFERENCES product (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id)
);
CREATE INDEX subscription_by_customer ON subscription (tenant_id, customer_id, created_at DESC, id DESC);
ALTER TABLE subscription ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscription FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscription
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON subscription TO ${app_role};

CREATE TABLE subscription_renewal (
    tenant_id        varchar(20)    NOT NULL REFERENCES tenant (id),
    id               varchar(20)    NOT NULL,
    subscription_id  varchar(20)    NOT NULL,
    customer_id      varchar(20)    NOT NULL,
    status           text           NOT NULL CHECK (status IN ('success', 'failed', 'overdue')),
    amount           numeric(14,2)  NOT NULL CHECK (amount >= 0),
    refunded         numeric(14,2)  NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    renewed_at       timestamptz    NOT NULL,
    created_at       timestamptz    NOT NULL,
    updated_at       timestamptz    NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscription (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX subscription_renewal_by_subscription ON subscription_renewal (tenant_id, subscription_id, renewed_at, id);
CREATE INDEX subscription_renewal_by_customer ON subscription_renewal (tenant_id, customer_id);
ALTER TABLE subscription_renewal ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscription_renewal FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscription_renewal
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON subscription_renewal TO ${app_role};

-- A refund is of a sale (and maybe one of its lines) or of a subscription renewal.
ALTER TABLE refund ALTER COLUMN sale_id DROP NOT NULL;
ALTER TABLE refund ADD COLUMN subscription_renewal_id varchar(20);
ALTER TABLE refund ADD FOREIGN KEY (tenant_id, subscription_renewal_id) REFERENCES subscription_renewal (tenant_id, id);
ALTER TABLE refund ADD CHECK ((sale_id IS NULL) <> (subscription_renewal_id IS NULL));
ALTER TABLE refund ADD CHECK (product_sale_id IS NULL OR sale_id IS NOT NULL);
CREATE INDEX refund_by_subscription_renewal ON refund (tenant_id, subscription_renewal_id, created_at)
    WHERE subscription_renewal_id IS NOT NULL;

-- Renewal and subscription figures. gross now adds successful renewals, so gross, net and total are
-- generated again from the new formulas (dropping net drops its index, which is made again).
ALTER TABLE lifetime_value
    ADD COLUMN num_renewal                        integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_success_renewal                integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_overdue_renewal                integer        NOT NULL DEFAULT 0,
    ADD COLUMN renewal_gross                      numeric(20,2)  NOT NULL DEFAULT 0,
    ADD COLUMN last_renewal_at                    timestamptz,
    ADD COLUMN num_active_subscription            integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_trial_subscription             integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_overdue_subscription           integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_occurrence_limit_subscription  integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_suspended_subscription         integer        NOT NULL DEFAULT 0,
    ADD COLUMN num_cancelled_subscription         integer        NOT NULL DEFAULT 0;
ALTER TABLE lifetime_value DROP COLUMN gross, DROP COLUMN net, DROP COLUMN total;
ALTER TABLE lifetime_value
    ADD COLUMN gross  numeric(20,2) GENERATED ALWAYS AS (sale_gross + renewal_gross) STORED,
    ADD COLUMN net    numeric(20,2) GENERATED ALWAYS AS (sale_gross + renewal_gross - refunded - chargeback_amount) STORED,
    ADD COLUMN total  numeric(20,2) GENERATED ALWAYS AS (sale_gross + renewal_gross + remaining) STORED;
CREATE INDEX lifetime_value_by_net ON lifetime_value (tenant_id, net);

-- A shipment of a sale (item type shipping, the seeds' name). No lifetime value figure reads it.
CREATE TABLE shipping (
    tenant_id        varchar(20)  NOT NULL REFERENCES tenant (id),
    id               varchar(20)  NOT NULL,
    sale_id          varchar(20)  NOT NULL,
    customer_id      varchar(20)  NOT NULL,
    status           text         NOT NULL CHECK (status IN ('created', 'shipped', 'delivered', 'returned')),
    carrier          text,
    tracking_number  text,
    tracking_url     text,
    shipped_at       timestamptz,
    delivered_at     timestamptz,
    returned_at      timestamptz,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, sale_id) REFERENCES sale (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX shipping_by_sale ON shipping (tenant_id, sale_id, created_at);
CREATE INDEX shipping_by_customer ON shipping (tenant_id, customer_id);
ALTER TABLE shipping ENABLE ROW LEVEL SECURITY;
ALTER TABLE shipping FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shipping
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON shipping TO ${app_role};
