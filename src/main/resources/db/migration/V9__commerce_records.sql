-- Commerce records beside sales (issue 4): chargebacks and PayPal disputes of a sale, fraud detections of a
-- sale or a customer, and the lifetime value figures they move, kept by deltas in the same transaction
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
