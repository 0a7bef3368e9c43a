-- The event outbox: one row per change, written in the change's own transaction.
-- position gives the dispatcher (a later issue) a global order; customer_seq orders a customer's events.

CREATE TABLE event (
    tenant_id     varchar(20) NOT NULL,
    id            varchar(20) NOT NULL,
    position      bigint      GENERATED ALWAYS AS IDENTITY,
    notation      text        NOT NULL,        -- seed notation, e.g. customer.created, note.created
    item_type     text        NOT NULL,
    item_id       varchar(20) NOT NULL,
    customer_id   varchar(20),
    customer_seq  bigint,
    payload       jsonb       NOT NULL,
    actor_kind    text        NOT NULL,
    actor_id      text,
    api_call_id   varchar(20),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CHECK ((customer_id IS NULL) = (customer_seq IS NULL))
);
CREATE UNIQUE INDEX event_by_customer ON event (tenant_id, customer_id, customer_seq) WHERE customer_id IS NOT NULL;
CREATE INDEX event_by_position ON event (position);
ALTER TABLE event ENABLE ROW LEVEL SECURITY;
ALTER TABLE event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT ON event TO ${app_role};

-- The last sequence number handed out per customer.
CREATE TABLE event_sequence (
    tenant_id    varchar(20) NOT NULL,
    customer_id  varchar(20) NOT NULL,
    last_seq     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
ALTER TABLE event_sequence ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_sequence FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON event_sequence
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE ON event_sequence TO ${app_role};
