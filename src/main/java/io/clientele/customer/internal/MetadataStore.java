package io.clientele.customer.internal;

import io.clientele.platform.Ids;
import io.clientele.platform.Tx;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** SQL for {@code metadata}: name/value pairs on an item, unique by name per item. */
public final class MetadataStore {
    public record Entry(String name, String value, Instant updatedAt) {}

    /**
     * Serializes metadata writes on one item until commit. Writers lock name rows in the order the call
     * lists them and then the customer's event sequence; without this, two calls naming the same metadata
     * in another order deadlock.
     */
    public void lockItem(Tx tx, String itemType, String itemId) {
        tx.handle().createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", "metadata:" + tx.tenant().value() + ":" + itemType + ":" + itemId)
                .mapTo(Integer.class)
                .one();
    }

    /** The profile's metadata: the customer's entries by name (in one SELECT of GetCustomer's batch). */
    static io.clientele.platform.BatchedSelects.Select profileOfCustomer(String section) {
        return new io.clientele.platform.BatchedSelects.Select(section, """
                SELECT name, value, updated_at FROM metadata
                WHERE tenant_id = :tenant AND item_type = 'customer' AND item_id = :customer ORDER BY name""", java.util.Map.of(),
                (rs, customerId) -> {
                    List<Entry> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(new Entry(rs.getString("name"), rs.getString("value"),
                                rs.getObject("updated_at", OffsetDateTime.class).toInstant()));
                    }
                    return out;
                });
    }

    public List<Entry> forItem(Tx tx, String itemType, String itemId) {
        return tx.handle().createQuery("""
                        SELECT name, value, updated_at FROM metadata
                        WHERE tenant_id = :tenant AND item_type = :type AND item_id = :id ORDER BY name""")
                .bind("tenant", tx.tenant().value())
                .bind("type", itemType)
                .bind("id", itemId)
                .map((rs, ctx) -> new Entry(rs.getString("name"), rs.getString("value"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<String> valueOf(Tx tx, String itemType, String itemId, String name) {
        return tx.handle().createQuery("""
                        SELECT value FROM metadata
                        WHERE tenant_id = :tenant AND item_type = :type AND item_id = :id AND name = :name FOR UPDATE""")
                .bind("tenant", tx.tenant().value())
                .bind("type", itemType)
                .bind("id", itemId)
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }

    public void upsert(Tx tx, String itemType, String itemId, String customerId, String name, String value) {
        tx.handle().createUpdate("""
                        INSERT INTO metadata (tenant_id, id, item_type, item_id, customer_id, name, value, created_at, updated_at)
                        VALUES (:tenant, :mid, :type, :id, :customer, :name, :value, :now, :now)
                        ON CONFLICT (tenant_id, item_type, item_id, name)
                        DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at""")
                .bind("tenant", tx.tenant().value())
                .bind("mid", Ids.newId())
                .bind("type", itemType)
                .bind("id", itemId)
                .bind("customer", customerId)
                .bind("name", name)
                .bind("value", value)
                .bind("now", tx.now())
                .execute();
    }

    public boolean delete(Tx tx, String itemType, String itemId, String name) {
        return tx.handle().createUpdate("""
                        DELETE FROM metadata WHERE tenant_id = :tenant AND item_type = :type AND item_id = :id AND name = :name""")
                .bind("tenant", tx.tenant().value())
                .bind("type", itemType)
                .bind("id", itemId)
                .bind("name", name)
                .execute() > 0;
    }
}
