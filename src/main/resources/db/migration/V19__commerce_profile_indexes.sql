-- GetCustomer's commerce sections read "the newest N of a customer" ordered by (created_at DESC, id DESC).
-- These four indexes stopped at customer_id, so each read fetched all of a customer's rows and sorted them
-- in memory; with the order in the index the read stops after N rows. The wider index still serves every
-- lookup by customer alone (lifetime value rebuilds, merges).
DROP INDEX chargeback_by_customer;
CREATE INDEX chargeback_by_customer ON chargeback (tenant_id, customer_id, created_at DESC, id DESC);

DROP INDEX shipping_by_customer;
CREATE INDEX shipping_by_customer ON shipping (tenant_id, customer_id, created_at DESC, id DESC);

DROP INDEX refund_by_customer;
CREATE INDEX refund_by_customer ON refund (tenant_id, customer_id, created_at DESC, id DESC);

DROP INDEX paypal_dispute_by_customer;
CREATE INDEX paypal_dispute_by_customer ON paypal_dispute (tenant_id, customer_id, created_at DESC, id DESC);

DROP INDEX fraud_detection_by_customer;
CREATE INDEX fraud_detection_by_customer ON fraud_detection (tenant_id, customer_id, created_at DESC, id DESC);
