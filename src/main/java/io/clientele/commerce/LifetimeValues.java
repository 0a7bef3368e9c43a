package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.LifetimeValueStore;
import io.clientele.customer.Customers;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.List;

/**
 * Customers' lifetime value figures (docs/commerce.md): read by customer, and rebuilt from the sale and
 * refund records. {@link Sales} keeps them current by deltas in each write's transaction; the rebuild
 * is the check and the repair.
 */
public final class LifetimeValues {
    private final LifetimeValueStore store;
    private final Customers customers;
    private final AuditLog audit;

    public LifetimeValues(LifetimeValueStore store, Customers customers, AuditLog audit) {
        this.store = store;
        this.customers = customers;
        this.audit = audit;
    }

    /** A live customer's figures (all zero without sales); not_found for a deleted or unknown customer. */
    public LifetimeValue of(Tx tx, String customerId) {
        if (customers.find(tx, customerId).isEmpty()) throw Problem.notFound("customer", customerId);
        return store.find(tx, customerId).orElseGet(() -> LifetimeValueStore.none(customerId));
    }

    /**
     * Recomputes the figures of every customer of the tenant, deleted ones included (or of one live
     * customer, when {@code customerIdOrNull} is set) from the records and writes those that differ, each audited under
     * {@code lifetime_value} with its old and new figures. Answers how many rows changed: 0 when the
     * deltas kept them right.
     */
    public int rebuild(Tx tx, String customerIdOrNull) {
        if (customerIdOrNull != null && !customers.exists(tx, customerIdOrNull)) {
            throw Problem.notFound("customer", customerIdOrNull);
        }
        List<LifetimeValueStore.Correction> corrections = store.rebuild(tx, customerIdOrNull);
        if (!corrections.isEmpty()) {
            audit.recordAll(tx, corrections.stream()
                    .map(c -> new AuditLog.Change("lifetime_value", c.after().customerId(), "rebuild", c.before(), c.after()))
                    .toList());
        }
        return corrections.size();
    }
}
