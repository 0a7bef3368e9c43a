package io.clientele.event;

import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes events to the outbox inside the caller's transaction, and reads a customer's events in order. */
public final class Events {

    /** An event to emit: what happened, the item it is about or attached to, its customer (or null), its payload. */
    public record NewEvent(Notation notation, String itemType, String itemId, String customerId, Object payload) {}

    /**
     * Told of every batch of events just before it is written (before any customer's sequence is locked), in the
     * writing transaction: how a feature learns which customers a call changed without each writer knowing
     * about it (customer groups re-evaluate them before the call commits).
     */
    @FunctionalInterface
    public interface Listener {
        void emitted(Tx tx, List<NewEvent> events);
    }

    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Registers a listener for every later emit; composition time only. */
    public void onEmit(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Emits one event. When the event concerns a customer, it takes the customer's next sequence number
     * (the upsert locks that customer's counter row until commit, so sequence numbers have no gaps or
     * duplicates even under concurrent writes). The item is the record the change is about or attached
     * to: for a note or metadata, the customer/sale/... it belongs to (as seed 000's note.created payload).
     */
    public String emit(Tx tx, Notation notation, String itemType, String itemId, String customerId, Object payload) {
        return emitAll(tx, List.of(new NewEvent(notation, itemType, itemId, customerId, payload))).get(0);
    }

    /**
     * Emits many events of one call in order, with one sequence upsert and one batched insert. Each
     * customer's counter advances by its number of events; counters are locked in id order, so two calls
     * touching the same customers cannot deadlock on them.
     */
    public List<String> emitAll(Tx tx, List<NewEvent> events) {
        for (Listener listener : listeners) listener.emitted(tx, events);
        Map<String, Integer> perCustomer = new TreeMap<>();
        for (NewEvent e : events) {
            if (e.customerId() != null) perCustomer.merge(e.customerId(), 1, Integer::sum);
        }
        Map<String, Long> nextSeq = new HashMap<>();
        if (!perCustomer.isEmpty()) {
            tx.handle().createQuery("""
                            INSERT INTO event_sequence (tenant_id, customer_id, last_seq)
                            SELECT :tenant, c.customer_id, c.n
                            FROM unnest(CAST(:customers AS varchar[]), CAST(:counts AS int[])) AS c(customer_id, n)
                            ORDER BY c.customer_id COLLATE "C"
                            ON CONFLICT (tenant_id, customer_id) DO UPDATE SET last_seq = event_sequence.last_seq + EXCLUDED.last_seq
                            RETURNING customer_id, last_seq""")
                    .bind("tenant", tx.tenant().value())
                    .bind("customers", perCustomer.keySet().toArray(String[]::new))
                    .bind("counts", perCustomer.values().toArray(Integer[]::new))
                    .map((rs, ctx) -> Map.entry(rs.getString("customer_id"), rs.getLong("last_seq")))
                    .forEach(last -> nextSeq.put(last.getKey(), last.getValue() - perCustomer.get(last.getKey()) + 1));
        }
        List<String> ids = new ArrayList<>(events.size());
        PreparedBatch batch = tx.handle().prepareBatch("""
                INSERT INTO event (tenant_id, id, notation, item_type, item_id, customer_id, customer_seq, payload,
                                   actor_kind, actor_id, api_call_id, created_at)
                VALUES (:tenant, :id, :notation, :itemType, :itemId, :customer, :seq, CAST(:payload AS jsonb),
                        :actorKind, :actorId, :apiCallId, :now)""");
        for (NewEvent e : events) {
            String id = Ids.newId();
            ids.add(id);
            batch.bind("tenant", tx.tenant().value())
                    .bind("id", id)
                    .bind("notation", e.notation().wire())
                    .bind("itemType", e.itemType())
                    .bind("itemId", e.itemId())
                    .bind("customer", e.customerId())
                    .bind("seq", e.customerId() == null ? null : nextSeq.merge(e.customerId(), 1L, Long::sum) - 1)
                    .bind("payload", Json.write(e.payload()))
                    .bind("actorKind", tx.actor().kind())
                    .bind("actorId", tx.actor().id())
                    .bind("apiCallId", tx.apiCallId())
                    .bind("now", tx.now())
                    .add();
        }
        batch.execute();
        return ids;
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
