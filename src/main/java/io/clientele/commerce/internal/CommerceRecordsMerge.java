package io.clientele.commerce.internal;

import io.clientele.commerce.LifetimeValues;
import io.clientele.customer.MergeParticipant;
import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Commerce's part in a merge: every sale, product sale, transaction, refund, chargeback, PayPal dispute,
 * fraud detection, shipment, subscription and renewal of the secondary moves to the primary without
 * events (they happened once), and both customers' lifetime values are recomputed
 * from the records (audited as rebuild corrections), so the primary's equals a rebuild and the
 * secondary's is zero.
 */
public final class CommerceRecordsMerge implements MergeParticipant {
    /** The tables whose rows belong to a customer through their customer_id. */
    private static final List<String> TABLES = List.of("sale", "product_sale", "sale_transaction", "refund", "chargeback",
            "paypal_dispute", "fraud_detection", "shipping", "subscription", "subscription_renewal");

    private final LifetimeValues lifetimeValues;

    public CommerceRecordsMerge(LifetimeValues lifetimeValues) {
        this.lifetimeValues = lifetimeValues;
    }

    @Override
    public Map<String, Long> move(Tx tx, String from, String to, boolean dryRun) {
        Map<String, Long> moved = new LinkedHashMap<>();
        for (String table : TABLES) {
            moved.put(table, tx.handle().createQuery("SELECT count(*) FROM " + table + " WHERE tenant_id = :tenant AND customer_id = :from")
                    .bind("tenant", tx.tenant().value()).bind("from", from).mapTo(Long.class).one());
        }
        if (dryRun) return moved;
        for (String table : TABLES) {
            tx.handle().createUpdate("UPDATE " + table + " SET customer_id = :to WHERE tenant_id = :tenant AND customer_id = :from")
                    .bind("tenant", tx.tenant().value()).bind("from", from).bind("to", to).execute();
        }
        lifetimeValues.rebuild(tx, to);
        lifetimeValues.rebuild(tx, from);
        return moved;
    }
}
