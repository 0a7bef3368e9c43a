package io.clientele.customer.internal;

import io.clientele.customer.MergeParticipant;
import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The customer feature's part in a merge: notes move to the primary (a note on the secondary itself
 * becomes a note on the primary); the secondary's own metadata moves unless the primary already has that
 * name, in which case the primary's value is kept and the secondary's is dropped; metadata on the
 * secondary's other records (sales, ...) follows its customer.
 */
public final class CustomerRecordsMerge implements MergeParticipant {
    @Override
    public Map<String, Long> move(Tx tx, String from, String to, boolean dryRun) {
        Map<String, Long> moved = new LinkedHashMap<>();
        moved.put("note", count(tx, "SELECT count(*) FROM note WHERE tenant_id = :tenant AND customer_id = :from", from, to));
        moved.put("metadata", count(tx, """
                SELECT count(*) FROM metadata m WHERE m.tenant_id = :tenant AND m.item_type = 'customer' AND m.item_id = :from
                  AND NOT EXISTS (SELECT 1 FROM metadata p WHERE p.tenant_id = :tenant AND p.item_type = 'customer'
                                  AND p.item_id = :to AND p.name = m.name)""", from, to));
        moved.put("metadata_dropped", count(tx, """
                SELECT count(*) FROM metadata m WHERE m.tenant_id = :tenant AND m.item_type = 'customer' AND m.item_id = :from
                  AND EXISTS (SELECT 1 FROM metadata p WHERE p.tenant_id = :tenant AND p.item_type = 'customer'
                              AND p.item_id = :to AND p.name = m.name)""", from, to));
        if (dryRun) return moved;
        update(tx, """
                UPDATE note SET customer_id = :to,
                    item_id = CASE WHEN item_type = 'customer' AND item_id = :from THEN :to ELSE item_id END
                WHERE tenant_id = :tenant AND customer_id = :from""", from, to);
        update(tx, """
                DELETE FROM metadata m WHERE m.tenant_id = :tenant AND m.item_type = 'customer' AND m.item_id = :from
                  AND EXISTS (SELECT 1 FROM metadata p WHERE p.tenant_id = :tenant AND p.item_type = 'customer'
                              AND p.item_id = :to AND p.name = m.name)""", from, to);
        update(tx, """
                UPDATE metadata SET customer_id = :to,
                    item_id = CASE WHEN item_type = 'customer' AND item_id = :from THEN :to ELSE item_id END
                WHERE tenant_id = :tenant AND customer_id = :from""", from, to);
        return moved;
    }

    private static long count(Tx tx, String sql, String from, String to) {
        return tx.handle().createQuery(sql).bind("tenant", tx.tenant().value()).bind("from", from).bind("to", to)
                .mapTo(Long.class).one();
    }

    private static void update(Tx tx, String sql, String from, String to) {
        tx.handle().createUpdate(sql).bind("tenant", tx.tenant().value()).bind("from", from).bind("to", to).execute();
    }
}
