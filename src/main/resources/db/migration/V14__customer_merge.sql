-- Merging two customers into one (MergeCustomers): the secondary is soft-deleted and points at the
-- primary, so lookups of its old id find the customer it became; each merge is logged.
ALTER TABLE customer ADD COLUMN merged_into varchar(20);

CREATE TABLE customer_merge_log (
    tenant_id              varchar(20) NOT NULL,
    id                     varchar(20) NOT NULL,
    primary_customer_id    varchar(20) NOT NULL,
    secondary_customer_id  varchar(20) NOT NULL,
    moved                  jsonb       NOT NULL,   -- records moved, by kind
    field_choices          jsonb       NOT NULL,   -- field -> primary | secondary, as applied
    changed_fields         text[]      NOT NULL,
    actor_kind             text        NOT NULL,
    actor_id               text,
    api_call_id            varchar(20),
    created_at             timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, primary_customer_id) REFERENCES customer (tenant_id, id),
    FOREIGN KEY (tenant_id, secondary_customer_id) REFERENCES customer (tenant_id, id)
);
CREATE INDEX customer_merge_log_by_customer ON customer_merge_log (tenant_id, primary_customer_id, created_at DESC);
ALTER TABLE customer_merge_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_merge_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customer_merge_log
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON customer_merge_log TO ${app_role};

-- A merge moves a customer's records to another customer: only their customer (and, for notes on the
-- customer itself, the item) changes.
GRANT UPDATE (customer_id, item_id) ON note TO ${app_role};
GRANT UPDATE (customer_id) ON refund TO ${app_role};
GRANT UPDATE (customer_id) ON sale_transaction TO ${app_role};
GRANT UPDATE (customer_id) ON chargeback TO ${app_role};
GRANT UPDATE (customer_id) ON paypal_dispute TO ${app_role};
GRANT UPDATE (customer_id) ON fraud_detection TO ${app_role};
