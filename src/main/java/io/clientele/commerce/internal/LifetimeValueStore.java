package io.clientele.commerce.internal;

import io.clientele.platform.BatchedSelects;
import io.clientele.commerce.LifetimeValue;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for the {@code lifetime_value} rows: deltas applied by each sale, refund, chargeback, fraud
 * detection, PayPal dispute, subscription and renewal write, reads, and the rebuild from the records. The rebuild's aggregate is the SQL twin of {@link LifetimeValueDelta#contribution}.
 */
public final class LifetimeValueStore {
    private static final String SUCCESS = "('paid', 'partially_refunded', 'refunded')";
    private static final String FIGURES = """
            num_sale, num_success_sale, num_pending_declined_sale, num_pending_abandoned_sale, num_failed_declined_sale,
            num_void_sale, num_upsell_sale, sale_gross, discounted, refunded, remaining, amount_to_salvage, last_sale_at,
            num_chargeback, chargeback_amount, num_fraud_detection, num_paypal_dispute, paypal_dispute_amount,
            num_renewal, num_success_renewal, num_overdue_renewal, renewal_gross, last_renewal_at, num_active_subscription,
            num_trial_subscription, num_overdue_subscription, num_occurrence_limit_subscription, num_suspended_subscription,
            num_cancelled_subscription""";
    private static final String COLUMNS = "customer_id, " + FIGURES + ", gross, net, total, updated_at";
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /*
     * Every aggregate is MATERIALIZED: computed once, then joined. Inlined, a planner that has not yet seen
     * statistics for freshly loaded tables (a demo, an import) may put an aggregate on the inner side of a
     * nested loop and recompute it for every customer: a 1,000-customer rebuild then ran for minutes.
     */

    /**
     * Sums what each sale contributes (as {@link LifetimeValueDelta#contribution} does) per customer, and
     * writes the rows that differ, returning them with their old figures.
     */
    private static final String REBUILD = """
            WITH per_sale AS MATERIALIZED (
                SELECT s.customer_id, s.status, s.total, s.discount, s.sold_at,
                       EXISTS (SELECT 1 FROM product_sale p
                               WHERE p.tenant_id = s.tenant_id AND p.sale_id = s.id AND p.upsell) AS upsell
                FROM sale s WHERE s.tenant_id = :tenant {oneSale}
            ),
            sales AS MATERIALIZED (
                SELECT customer_id,
                       count(*) AS num_sale,
                       count(*) FILTER (WHERE status IN {success}) AS num_success_sale,
                       count(*) FILTER (WHERE status = 'pending_declined') AS num_pending_declined_sale,
                       count(*) FILTER (WHERE status = 'pending_abandoned') AS num_pending_abandoned_sale,
                       count(*) FILTER (WHERE status = 'failed_declined') AS num_failed_declined_sale,
                       count(*) FILTER (WHERE status = 'void') AS num_void_sale,
                       count(*) FILTER (WHERE status IN {success} AND upsell) AS num_upsell_sale,
                       coalesce(sum(total) FILTER (WHERE status IN {success}), 0) AS sale_gross,
                       coalesce(sum(discount) FILTER (WHERE status IN {success}), 0) AS discounted,
                       coalesce(sum(total) FILTER (WHERE status IN ('pending_declined', 'pending_abandoned')), 0) AS remaining,
                       coalesce(sum(total) FILTER (WHERE status = 'pending_declined'), 0) AS amount_to_salvage,
                       max(sold_at) FILTER (WHERE status IN {success}) AS last_sale_at
                FROM per_sale GROUP BY customer_id
            ),
            refunds AS MATERIALIZED (
                SELECT customer_id, sum(amount) AS refunded
                FROM refund s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            renewals AS MATERIALIZED (
                SELECT customer_id,
                       count(*) AS num_renewal,
                       count(*) FILTER (WHERE status = 'success') AS num_success_renewal,
                       count(*) FILTER (WHERE status = 'overdue') AS num_overdue_renewal,
                       coalesce(sum(amount) FILTER (WHERE status = 'success'), 0) AS renewal_gross,
                       coalesce(sum(amount) FILTER (WHERE status IN ('failed', 'overdue')), 0) AS renewal_to_salvage,
                       max(renewed_at) FILTER (WHERE status = 'success') AS last_renewal_at
                FROM subscription_renewal s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            subscriptions AS MATERIALIZED (
                SELECT customer_id,
                       count(*) FILTER (WHERE status = 'active') AS num_active_subscription,
                       count(*) FILTER (WHERE status = 'trial') AS num_trial_subscription,
                       count(*) FILTER (WHERE status = 'overdue') AS num_overdue_subscription,
                       count(*) FILTER (WHERE status = 'occurrence_limit') AS num_occurrence_limit_subscription,
                       count(*) FILTER (WHERE status = 'suspended') AS num_suspended_subscription,
                       count(*) FILTER (WHERE status = 'cancelled') AS num_cancelled_subscription
                FROM subscription s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            chargebacks AS MATERIALIZED (
                SELECT customer_id, count(*) AS num_chargeback, sum(amount) AS chargeback_amount
                FROM chargeback s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            frauds AS MATERIALIZED (
                SELECT customer_id, count(*) AS num_fraud_detection
                FROM fraud_detection s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            disputes AS MATERIALIZED (
                SELECT customer_id, count(*) AS num_paypal_dispute, sum(amount) AS paypal_dispute_amount
                FROM paypal_dispute s WHERE tenant_id = :tenant {oneSale} GROUP BY customer_id
            ),
            target AS MATERIALIZED (
                SELECT l.customer_id,
                       coalesce(a.num_sale, 0) AS num_sale,
                       coalesce(a.num_success_sale, 0) AS num_success_sale,
                       coalesce(a.num_pending_declined_sale, 0) AS num_pending_declined_sale,
                       coalesce(a.num_pending_abandoned_sale, 0) AS num_pending_abandoned_sale,
                       coalesce(a.num_failed_declined_sale, 0) AS num_failed_declined_sale,
                       coalesce(a.num_void_sale, 0) AS num_void_sale,
                       coalesce(a.num_upsell_sale, 0) AS num_upsell_sale,
                       coalesce(a.sale_gross, 0) AS sale_gross,
                       coalesce(a.discounted, 0) AS discounted,
                       coalesce(r.refunded, 0) AS refunded,
                       coalesce(a.remaining, 0) AS remaining,
                       coalesce(a.amount_to_salvage, 0) + coalesce(n.renewal_to_salvage, 0) AS amount_to_salvage,
                       a.last_sale_at,
                       coalesce(c.num_chargeback, 0) AS num_chargeback,
                       coalesce(c.chargeback_amount, 0) AS chargeback_amount,
                       coalesce(f.num_fraud_detection, 0) AS num_fraud_detection,
                       coalesce(d.num_paypal_dispute, 0) AS num_paypal_dispute,
                       coalesce(d.paypal_dispute_amount, 0) AS paypal_dispute_amount,
                       coalesce(n.num_renewal, 0) AS num_renewal,
                       coalesce(n.num_success_renewal, 0) AS num_success_renewal,
                       coalesce(n.num_overdue_renewal, 0) AS num_overdue_renewal,
                       coalesce(n.renewal_gross, 0) AS renewal_gross,
                       n.last_renewal_at,
                       coalesce(b.num_active_subscription, 0) AS num_active_subscription,
                       coalesce(b.num_trial_subscription, 0) AS num_trial_subscription,
                       coalesce(b.num_overdue_subscription, 0) AS num_overdue_subscription,
                       coalesce(b.num_occurrence_limit_subscription, 0) AS num_occurrence_limit_subscription,
                       coalesce(b.num_suspended_subscription, 0) AS num_suspended_subscription,
                       coalesce(b.num_cancelled_subscription, 0) AS num_cancelled_subscription
                FROM lifetime_value l
                LEFT JOIN sales a ON a.customer_id = l.customer_id
                LEFT JOIN refunds r ON r.customer_id = l.customer_id
                LEFT JOIN chargebacks c ON c.customer_id = l.customer_id
                LEFT JOIN frauds f ON f.customer_id = l.customer_id
                LEFT JOIN disputes d ON d.customer_id = l.customer_id
                LEFT JOIN renewals n ON n.customer_id = l.customer_id
                LEFT JOIN subscriptions b ON b.customer_id = l.customer_id
                WHERE l.tenant_id = :tenant {oneRow}
            ),
            old AS (
                SELECT {columns} FROM lifetime_value l WHERE l.tenant_id = :tenant {oneRow}
            ),
            corrected AS (
                UPDATE lifetime_value l SET
                    num_sale = t.num_sale, num_success_sale = t.num_success_sale,
                    num_pending_declined_sale = t.num_pending_declined_sale,
                    num_pending_abandoned_sale = t.num_pending_abandoned_sale,
                    num_failed_declined_sale = t.num_failed_declined_sale, num_void_sale = t.num_void_sale,
                    num_upsell_sale = t.num_upsell_sale, sale_gross = t.sale_gross, discounted = t.discounted,
                    refunded = t.refunded, remaining = t.remaining, amount_to_salvage = t.amount_to_salvage,
                    last_sale_at = t.last_sale_at, num_chargeback = t.num_chargeback,
                    chargeback_amount = t.chargeback_amount, num_fraud_detection = t.num_fraud_detection,
                    num_paypal_dispute = t.num_paypal_dispute, paypal_dispute_amount = t.paypal_dispute_amount,
                    num_renewal = t.num_renewal,
                    num_success_renewal = t.num_success_renewal,
                    num_overdue_renewal = t.num_overdue_renewal,
                    renewal_gross = t.renewal_gross,
                    last_renewal_at = t.last_renewal_at,
                    num_active_subscription = t.num_active_subscription,
                    num_trial_subscription = t.num_trial_subscription,
                    num_overdue_subscription = t.num_overdue_subscription,
                    num_occurrence_limit_subscription = t.num_occurrence_limit_subscription,
                    num_suspended_subscription = t.num_suspended_subscription,
                    num_cancelled_subscription = t.num_cancelled_subscription,
                    updated_at = :now
                FROM target t
                WHERE l.tenant_id = :tenant AND l.customer_id = t.customer_id
                  AND (l.num_sale, l.num_success_sale, l.num_pending_declined_sale, l.num_pending_abandoned_sale,
                       l.num_failed_declined_sale, l.num_void_sale, l.num_upsell_sale, l.sale_gross, l.discounted,
                       l.refunded, l.remaining, l.amount_to_salvage, l.last_sale_at, l.num_chargeback,
                       l.chargeback_amount, l.num_fraud_detection, l.num_paypal_dispute, l.paypal_dispute_amount,
l.num_renewal, l.num_success_renewal, l.num_overdue_renewal, l.renewal_gross, l.last_renewal_at, l.num_active_subscription, l.num_trial_subscription, l.num_overdue_subscription, l.num_occurrence_limit_subscription, l.num_suspended_subscription, l.num_cancelled_subscription)
                      IS DISTINCT FROM
                      (t.num_sale, t.num_success_sale, t.num_pending_declined_sale, t.num_pending_abandoned_sale,
                       t.num_failed_declined_sale, t.num_void_sale, t.num_upsell_sale, t.sale_gross, t.discounted,
                       t.refunded, t.remaining, t.amount_to_salvage, t.last_sale_at, t.num_chargeback,
                       t.chargeback_amount, t.num_fraud_detection, t.num_paypal_dispute, t.paypal_dispute_amount,
t.num_renewal, t.num_success_renewal, t.num_overdue_renewal, t.renewal_gross, t.last_renewal_at, t.num_active_subscription, t.num_trial_subscription, t.num_overdue_subscription, t.num_occurrence_limit_subscription, t.num_suspended_subscription, t.num_cancelled_subscription)
                RETURNING l.customer_id, l.num_sale, l.num_success_sale, l.num_pending_declined_sale,
                    l.num_pending_abandoned_sale, l.num_failed_declined_sale, l.num_void_sale, l.num_upsell_sale,
                    l.sale_gross, l.discounted, l.refunded, l.remaining, l.amount_to_salvage, l.last_sale_at, l.gross,
                    l.net, l.total, l.chargeback_amount, l.num_chargeback, l.num_fraud_detection,
                    l.num_paypal_dispute, l.paypal_dispute_amount, l.num_renewal, l.num_success_renewal, l.num_overdue_renewal, l.renewal_gross, l.last_renewal_at, l.num_active_subscription, l.num_trial_subscription, l.num_overdue_subscription, l.num_occurrence_limit_subscription, l.num_suspended_subscription, l.num_cancelled_subscription, l.updated_at
            )
            SELECT c.*, o.num_sale AS old_num_sale, o.num_success_sale AS old_num_success_sale,
                   o.num_pending_declined_sale AS old_num_pending_declined_sale,
                   o.num_pending_abandoned_sale AS old_num_pending_abandoned_sale,
                   o.num_failed_declined_sale AS old_num_failed_declined_sale, o.num_void_sale AS old_num_void_sale,
                   o.num_upsell_sale AS old_num_upsell_sale, o.sale_gross AS old_sale_gross,
                   o.discounted AS old_discounted, o.refunded AS old_refunded, o.remaining AS old_remaining,
                   o.amount_to_salvage AS old_amount_to_salvage, o.last_sale_at AS old_last_sale_at,
                   o.gross AS old_gross, o.net AS old_net, o.total AS old_total,
                   o.chargeback_amount AS old_chargeback_amount, o.num_chargeback AS old_num_chargeback,
                   o.num_fraud_detection AS old_num_fraud_detection, o.num_paypal_dispute AS old_num_paypal_dispute,
                   o.paypal_dispute_amount AS old_paypal_dispute_amount, o.num_renewal AS old_num_renewal, o.num_success_renewal AS old_num_success_renewal, o.num_overdue_renewal AS old_num_overdue_renewal, o.renewal_gross AS old_renewal_gross, o.last_renewal_at AS old_last_renewal_at, o.num_active_subscription AS old_num_active_subscription, o.num_trial_subscription AS old_num_trial_subscription, o.num_overdue_subscription AS old_num_overdue_subscription, o.num_occurrence_limit_subscription AS old_num_occurrence_limit_subscription, o.num_suspended_subscription AS old_num_suspended_subscription, o.num_cancelled_subscription AS old_num_cancelled_subscription,
                   o.updated_at AS old_updated_at
            FROM corrected c JOIN old o ON o.customer_id = c.customer_id
            ORDER BY c.customer_id""";

    /** A row the rebuild corrected: its figures before and after. */
    public record Correction(LifetimeValue before, LifetimeValue after) {}

    /**
     * Moves the customer's figures by the delta: the row is created (zero) if missing, then changed by one
     * UPDATE that locks it until commit. A sale write touches one customer, so it holds one such lock.
     */
    public void apply(Tx tx, String customerId, LifetimeValueDelta d) {
        applyAll(tx, List.of(Map.entry(customerId, d)));
    }

    /**
     * {@link #apply} for many changes of one call, in two statements (the second a batch) whatever their number: each customer's
     * deltas are added up first ({@link LifetimeValueDelta#plus}), except one that gives up a sale date, which
     * is applied on its own after the sale rows are written (it re-reads them). Rows are created and updated
     * in customer id order, so two calls touching the same customers cannot deadlock on them.
     */
    public void applyAll(Tx tx, List<Map.Entry<String, LifetimeValueDelta>> deltas) {
        Map<String, LifetimeValueDelta> summed = new TreeMap<>();
        List<Map.Entry<String, LifetimeValueDelta>> alone = new ArrayList<>();
        for (Map.Entry<String, LifetimeValueDelta> e : deltas) {
            if (e.getValue().isNone()) continue;
            if (e.getValue().lostSaleAt() != null) alone.add(e);
            else summed.merge(e.getKey(), e.getValue(), LifetimeValueDelta::plus);
        }
        List<Map.Entry<String, LifetimeValueDelta>> ordered = new ArrayList<>(summed.entrySet());
        ordered.addAll(alone);
        ordered.sort(Map.Entry.comparingByKey()); // stable: a customer's sum before its lone changes, all in id order
        if (ordered.isEmpty()) return;
        tx.handle().createUpdate("""
                        INSERT INTO lifetime_value (tenant_id, customer_id, updated_at)
                        SELECT :tenant, c, :now FROM unnest(CAST(:customers AS varchar[])) AS c ORDER BY c COLLATE "C"
                        ON CONFLICT (tenant_id, customer_id) DO NOTHING""")
                .bind("tenant", tx.tenant().value())
                .bind("customers", ordered.stream().map(Map.Entry::getKey).distinct().sorted().toArray(String[]::new))
                .bind("now", tx.now())
                .execute();
        PreparedBatch batch = tx.handle().prepareBatch("""
                        UPDATE lifetime_value SET
                            num_sale = num_sale + :numSale,
                            num_success_sale = num_success_sale + :numSuccess,
                            num_pending_declined_sale = num_pending_declined_sale + :numPendingDeclined,
                            num_pending_abandoned_sale = num_pending_abandoned_sale + :numPendingAbandoned,
                            num_failed_declined_sale = num_failed_declined_sale + :numFailedDeclined,
                            num_void_sale = num_void_sale + :numVoid,
                            num_upsell_sale = num_upsell_sale + :numUpsell,
                            sale_gross = sale_gross + :saleGross,
                            discounted = discounted + :discounted,
                            refunded = refunded + :refunded,
                            remaining = remaining + :remaining,
                            amount_to_salvage = amount_to_salvage + :toSalvage,
                            num_chargeback = num_chargeback + :numChargeback,
                            chargeback_amount = chargeback_amount + :chargebackAmount,
                            num_fraud_detection = num_fraud_detection + :numFraudDetection,
                            num_paypal_dispute = num_paypal_dispute + :numPaypalDispute,
                            paypal_dispute_amount = paypal_dispute_amount + :paypalDisputeAmount,
                            num_renewal = num_renewal + :numRenewal,
                            num_success_renewal = num_success_renewal + :numSuccessRenewal,
                            num_overdue_renewal = num_overdue_renewal + :numOverdueRenewal,
                            renewal_gross = renewal_gross + :renewalGross,
                            -- A successful renewal never stops being one, so the newest date only moves forward.
                            last_renewal_at = greatest(last_renewal_at, CAST(:gainedRenewal AS timestamptz)),
                            num_active_subscription = num_active_subscription + :numActive,
                            num_trial_subscription = num_trial_subscription + :numTrial,
                            num_overdue_subscription = num_overdue_subscription + :numOverdue,
                            num_occurrence_limit_subscription = num_occurrence_limit_subscription + :numOccurrenceLimit,
                            num_suspended_subscription = num_suspended_subscription + :numSuspended,
                            num_cancelled_subscription = num_cancelled_subscription + :numCancelled,
                            -- A sale that stopped being successful may have held the newest date: read it again
                            -- from the records (the sale row already has its new status in this transaction).
                            last_sale_at = CASE
                                WHEN CAST(:lost AS timestamptz) IS NOT NULL AND last_sale_at <= CAST(:lost AS timestamptz)
                                THEN (SELECT max(s.sold_at) FROM sale s WHERE s.tenant_id = :tenant
                                      AND s.customer_id = :customer AND s.status IN {success})
                                ELSE greatest(last_sale_at, CAST(:gained AS timestamptz)) END,
                            updated_at = :now
                        WHERE tenant_id = :tenant AND customer_id = :customer""".replace("{success}", SUCCESS));
        for (Map.Entry<String, LifetimeValueDelta> e : ordered) {
            LifetimeValueDelta d = e.getValue();
            batch.bind("tenant", tx.tenant().value())
                    .bind("customer", e.getKey())
                    .bind("numSale", d.numSale())
                    .bind("numSuccess", d.numSuccessSale())
                    .bind("numPendingDeclined", d.numPendingDeclinedSale())
                    .bind("numPendingAbandoned", d.numPendingAbandonedSale())
                    .bind("numFailedDeclined", d.numFailedDeclinedSale())
                    .bind("numVoid", d.numVoidSale())
                    .bind("numUpsell", d.numUpsellSale())
                    .bind("saleGross", d.saleGross())
                    .bind("discounted", d.discounted())
                    .bind("refunded", d.refunded())
                    .bind("remaining", d.remaining())
                    .bind("toSalvage", d.amountToSalvage())
                    .bind("numChargeback", d.numChargeback())
                    .bind("chargebackAmount", d.chargebackAmount())
                    .bind("numFraudDetection", d.numFraudDetection())
                    .bind("numPaypalDispute", d.numPaypalDispute())
                    .bind("paypalDisputeAmount", d.paypalDisputeAmount())
                    .bind("numRenewal", d.numRenewal())
                    .bind("numSuccessRenewal", d.numSuccessRenewal())
                    .bind("numOverdueRenewal", d.numOverdueRenewal())
                    .bind("renewalGross", d.renewalGross())
                    .bind("gainedRenewal", d.gainedRenewalAt())
                    .bind("numActive", d.numActiveSubscription())
                    .bind("numTrial", d.numTrialSubscription())
                    .bind("numOverdue", d.numOverdueSubscription())
                    .bind("numOccurrenceLimit", d.numOccurrenceLimitSubscription())
                    .bind("numSuspended", d.numSuspendedSubscription())
                    .bind("numCancelled", d.numCancelledSubscription())
                    .bind("lost", d.lostSaleAt())
                    .bind("gained", d.gainedSaleAt())
                    .bind("now", tx.now())
                    .add();
        }
        batch.execute();
    }

    private static final String ONE = "SELECT " + COLUMNS + " FROM lifetime_value WHERE tenant_id = :tenant AND customer_id = :customer";

    public Optional<LifetimeValue> find(Tx tx, String customerId) {
        return tx.handle().createQuery(ONE)
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerId)
                .map((rs, ctx) -> read(rs, ""))
                .findOne();
    }

    /** The profile's lifetime_value: the row, or all zeros without one. */
    static BatchedSelects.Select profile(String section) {
        return new BatchedSelects.Select(section, ONE, java.util.Map.of(),
                (rs, customerId) -> rs.next() ? read(rs, "") : none(customerId));
    }

    /** The figures of a customer without a row: no sales, all zero. */
    public static LifetimeValue none(String customerId) {
        return new LifetimeValue(customerId, 0, 0, 0, 0, 0, 0, 0, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO,
                null, 0, 0, 0, ZERO, 0, 0, 0, ZERO, null, 0, 0, 0, 0, 0, 0, null);
    }

    /**
     * Recomputes the rows of the tenant, or of one customer, from the sale and refund records, and
     * writes those that differ. Returns the corrections. Safe beside concurrent sale writes: the rows
     * are locked (in customer order) before the records are read, so a write that committed earlier is
     * in the aggregate and one still running applies its delta after this transaction.
     */
    public List<Correction> rebuild(Tx tx, String customerIdOrNull) {
        String one = customerIdOrNull == null ? "" : " AND customer_id = :customer";
        tx.handle().createQuery("SELECT pg_advisory_xact_lock(hashtext(:key))::text")
                .bind("key", "lifetime_value_rebuild:" + tx.tenant().value())
                .mapTo(String.class)
                .one();
        tx.handle().createUpdate("INSERT INTO lifetime_value (tenant_id, customer_id, updated_at)"
                        + " SELECT tenant_id, customer_id, CAST(:now AS timestamptz) FROM sale WHERE tenant_id = :tenant" + one
                        + " UNION SELECT tenant_id, customer_id, CAST(:now AS timestamptz) FROM fraud_detection"
                        + " WHERE tenant_id = :tenant" + one
                        + " UNION SELECT tenant_id, customer_id, CAST(:now AS timestamptz) FROM subscription"
                        + " WHERE tenant_id = :tenant" + one
                        + " ON CONFLICT (tenant_id, customer_id) DO NOTHING")
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerIdOrNull)
                .bind("now", tx.now())
                .execute();
        tx.handle().createQuery("SELECT count(*) FROM (SELECT 1 FROM lifetime_value WHERE tenant_id = :tenant" + one
                        + " ORDER BY customer_id FOR UPDATE) locked")
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerIdOrNull)
                .mapTo(Long.class)
                .one();
        // A new statement, so a new snapshot: it sees every write that committed before the locks were held.
        String sql = REBUILD.replace("{success}", SUCCESS)
                .replace("{oneSale}", customerIdOrNull == null ? "" : "AND s.customer_id = :customer")
                .replace("{oneRow}", customerIdOrNull == null ? "" : "AND l.customer_id = :customer")
                .replace("{columns}", COLUMNS);
        return tx.handle().createQuery(sql)
                .bind("tenant", tx.tenant().value())
                .bind("customer", customerIdOrNull)
                .bind("now", tx.now())
                .map((rs, ctx) -> new Correction(read(rs, "old_"), read(rs, "")))
                .list();
    }

    private static LifetimeValue read(ResultSet rs, String prefix) throws SQLException {
        int numSuccess = rs.getInt(prefix + "num_success_sale");
        BigDecimal saleGross = rs.getBigDecimal(prefix + "sale_gross");
        BigDecimal avg = numSuccess == 0 ? ZERO : saleGross.divide(BigDecimal.valueOf(numSuccess), 2, RoundingMode.HALF_EVEN);
        return new LifetimeValue(rs.getString("customer_id"), rs.getInt(prefix + "num_sale"), numSuccess,
                rs.getInt(prefix + "num_pending_declined_sale"), rs.getInt(prefix + "num_pending_abandoned_sale"),
                rs.getInt(prefix + "num_failed_declined_sale"), rs.getInt(prefix + "num_void_sale"),
                rs.getInt(prefix + "num_upsell_sale"), saleGross, rs.getBigDecimal(prefix + "gross"),
                rs.getBigDecimal(prefix + "discounted"), rs.getBigDecimal(prefix + "refunded"),
                rs.getBigDecimal(prefix + "chargeback_amount"), rs.getBigDecimal(prefix + "net"),
                rs.getBigDecimal(prefix + "remaining"), rs.getBigDecimal(prefix + "amount_to_salvage"),
                rs.getBigDecimal(prefix + "total"), avg, instant(rs, prefix + "last_sale_at"), rs.getInt(prefix + "num_chargeback"),
                rs.getInt(prefix + "num_fraud_detection"), rs.getInt(prefix + "num_paypal_dispute"),
                rs.getBigDecimal(prefix + "paypal_dispute_amount"), rs.getInt(prefix + "num_renewal"),
                rs.getInt(prefix + "num_success_renewal"), rs.getInt(prefix + "num_overdue_renewal"),
                rs.getBigDecimal(prefix + "renewal_gross"), instant(rs, prefix + "last_renewal_at"),
                rs.getInt(prefix + "num_active_subscription"), rs.getInt(prefix + "num_trial_subscription"),
                rs.getInt(prefix + "num_overdue_subscription"), rs.getInt(prefix + "num_occurrence_limit_subscription"),
                rs.getInt(prefix + "num_suspended_subscription"), rs.getInt(prefix + "num_cancelled_subscription"),
                instant(rs, prefix + "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
