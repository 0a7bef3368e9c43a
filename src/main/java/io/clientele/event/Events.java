package io.clientele.event;

import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.util.List;

/** Writes events to the outbox inside the caller's transaction, and reads a customer's events in order. */
public final class Events {

    /**
     * Emits one event. When the event concerns a customer, it takes the customer's next sequence number
     * (the upsert locks that customer's counter row until commit, so sequence numbers have no gaps or
     * duplicates even under concurrent writes). The item is the record the change is about or attached
     * to: for a note or metadata, the customer/sale/... it belongs to (as seed 000's note.created payload).
     */
    public String emit(Tx tx, Notation notation, String itemType, String itemId, String customerId, Object payload) {
        String id = Ids.newId();
        Long seq = customerId == null ? null : tx.handle().createQuery("""
                        INSERT INTO event_sequence (tenant_id, customer_id, last_seq) VALUES (:tenant, :customer, 1)
                        ON CONFLICT (tenant_id, customer_id) DO UPDATE SET last_seq = event_sequence.last_seq + 1
                        RETURNING last_seq""")
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .mapTo(Long.class)
                .one();
        tx.handle().createUpdate("""
                        INSERT INTO event (tenant_id, id, notation, item_type, item_id, customer_id, customer_seq, payload,
                                           actor_kind, actor_id, api_call_id, created_at)
                        VALUES (:tenant, :id, :notation, :itemType, :itemId, :customer, :seq, CAST(:payload AS jsonb),
                                :actorKind, :actorId, :apiCallId, :now)""")
                .bind("tenant", tx.tenant().value())
                .bind("id", id)
                .bind("notation", notation.wire())
                .bind("itemType", itemType)
                .bind("itemId", itemId)
                .bind("customer", customerId)
                .bind("seq", seq)
                .bind("payload", Json.write(payload))
                .bind("actorKind", tx.actor().kind())
                .bind("actorId", tx.actor().id())
                .bind("apiCallId", tx.apiCallId())
                .bind("now", tx.now())
                .execute();
        return id;
    }

    /** A customer's events after {@code afterSeq}, oldest first. */
    public List<EventRecord> forCustomer(Tx tx, String customerId, long afterSeq, int limit) {
        return tx.handle().createQuery("""
                        SELECT id, notation, item_type, item_id, customer_id, customer_seq, payload::text AS payload,
                               actor_kind, actor_id, api_call_id, created_at
                        FROM event
                        WHERE tenant_id = :tenant AND customer_id = :customer AND customer_seq > :after
                        ORDER BY customer_seq
                        LIMIT :limit""")
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> new EventRecord(rs.getString("id"), rs.getString("notation"), rs.getString("item_type"),
                        rs.getString("item_id"), rs.getString("customer_id"), rs.getLong("customer_seq"),
                        Json.read(rs.getString("payload")), rs.getString("actor_kind"), rs.getString("actor_id"),
                        rs.getString("api_call_id"), rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

}
