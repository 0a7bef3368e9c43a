package io.clientele.commerce;

import io.clientele.commerce.internal.PurchaseHistoryStore;

/**
 * What commerce publishes about customers' history for features that qualify customers on it (customer
 * groups, seed 002): two SQL relations, read through these fragments and never through the tables behind
 * them, so commerce can change its storage without breaking a reader. Each is a complete {@code SELECT}
 * scoped by the named parameter {@code :tenant}; use it as a derived table, e.g.
 * {@code LEFT JOIN (} {@link #FIGURES} {@code ) f ON f.customer_id = c.customer_id}.
 */
public final class CommerceFacts {
    private CommerceFacts() {}

    /**
     * One row per customer with any sale, subscription or fraud detection (a customer without a row has
     * zeros and null dates), with the lifetime value figures docs/commerce.md defines: {@code customer_id},
     * {@code net}, {@code refunded}, {@code num_sale}, {@code avg_sale} (half-even to cents, exactly as
     * {@link LifetimeValue#avgSale()}), {@code num_success_sale}, {@code num_upsell_sale},
     * {@code num_pending_declined_sale}, {@code num_pending_abandoned_sale}, {@code num_fraud_detection},
     * {@code chargeback_amount}, {@code num_chargeback}, {@code paypal_dispute_amount}, {@code num_paypal_dispute},
     * {@code num_renewal}, {@code num_success_renewal}, {@code num_overdue_renewal}, {@code last_sale_at},
     * {@code last_renewal_at}, and {@code num_<status>_subscription} for each subscription status.
     */
    public static final String FIGURES = """
            SELECT customer_id, net, refunded, num_sale,
                   CASE WHEN num_success_sale = 0 THEN 0
                        WHEN mod(sale_gross * 100, num_success_sale) * 2 = num_success_sale
                             AND mod(trunc(sale_gross * 100 / num_success_sale), 2) = 0
                        THEN trunc(sale_gross * 100 / num_success_sale) / 100
                        ELSE round(sale_gross / num_success_sale, 2) END AS avg_sale,
                   num_success_sale, num_upsell_sale, num_pending_declined_sale, num_pending_abandoned_sale,
                   num_fraud_detection, chargeback_amount, num_chargeback, paypal_dispute_amount, num_paypal_dispute,
                   num_renewal, num_success_renewal, num_overdue_renewal, last_sale_at, last_renewal_at,
                   num_active_subscription, num_trial_subscription, num_overdue_subscription,
                   num_occurrence_limit_subscription, num_suspended_subscription, num_cancelled_subscription
            FROM lifetime_value WHERE tenant_id = :tenant""";

    /**
     * What a customer's sales tie it to, one row per tie (rows may repeat): {@code customer_id}, {@code kind}
     * and {@code ref_id}. Kind {@code campaign}: a sale of the customer in any status names the campaign
     * (a declined sale still came from it); {@code third_party_shop}: a successful sale was made in the shop;
     * {@code product_group}: a successful sale had a line of a product in the group (what seed 002 calls
     * "purchased"; a declined, abandoned, failed or void sale bought nothing, as in lifetime value).
     */
    public static final String LINKS = """
            SELECT customer_id, 'campaign' AS kind, campaign_id AS ref_id FROM sale
            WHERE tenant_id = :tenant AND campaign_id IS NOT NULL
            UNION ALL
            SELECT customer_id, 'third_party_shop', third_party_shop_id FROM sale
            WHERE tenant_id = :tenant AND third_party_shop_id IS NOT NULL AND status IN\s""" + PurchaseHistoryStore.SUCCESSFUL + """

            UNION ALL
            SELECT ps.customer_id, 'product_group', p.product_group_id FROM product_sale ps
            JOIN product p ON p.tenant_id = ps.tenant_id AND p.id = ps.product_id
            JOIN sale s ON s.tenant_id = ps.tenant_id AND s.id = ps.sale_id
            WHERE ps.tenant_id = :tenant AND p.product_group_id IS NOT NULL AND s.status IN\s""" + PurchaseHistoryStore.SUCCESSFUL;
}
