package io.clientele.group;

import java.util.Arrays;
import java.util.List;

/**
 * A customer figure a range qualifier can test, by its seed 002 name. {@link Kind#DAYS} figures are counted in
 * days and their bounds must be greater than 0; {@link Kind#MONEY} figures are amounts in the tenant's currency
 * (docs/commerce.md); {@link Kind#COUNT} figures are whole numbers. Subscription figures live under
 * {@code specific_values.subscription_options}, the others under {@code specific_values.values}.
 */
public enum Figure {
    DAYS_SINCE_CREATED("days_since_created", Kind.DAYS, false, "days since the customer was created"),
    LIFETIME_VALUE("lifetime_value", Kind.MONEY, false, "lifetime value"),
    LIFETIME_REFUNDED("lifetime_refunded", Kind.MONEY, false, "lifetime sum of refunds"),
    NUM_SALE("num_sale", Kind.COUNT, false, "total number of sales"),
    AVG_SALE("avg_sale", Kind.MONEY, false, "average sale amount"),
    DAYS_LAST_SALE("days_last_sale", Kind.DAYS, false, "days since the last sale"),
    NUM_SUCCESS_SALE("num_success_sale", Kind.COUNT, false, "number of successful sales"),
    NUM_UPSELL_SALE("num_upsell_sale", Kind.COUNT, false, "number of upsell sales"),
    NUM_PENDING_DECLINED_SALE("num_pending_declined_sale", Kind.COUNT, false, "number of declined sales"),
    NUM_PENDING_ABANDONED_SALE("num_pending_abandoned_sale", Kind.COUNT, false, "number of abandoned sales"),
    NUM_FRAUD_DETECTION("num_fraud_detection", Kind.COUNT, false, "number of fraud detections"),
    LIFETIME_CHARGEBACK("lifetime_chargeback", Kind.MONEY, false, "lifetime sum of chargebacks"),
    NUM_CHARGEBACK("num_chargeback", Kind.COUNT, false, "number of chargebacks"),
    LIFETIME_PAYPAL_DISPUTE("lifetime_paypal_dispute", Kind.MONEY, false, "lifetime sum of PayPal disputes"),
    NUM_PAYPAL_DISPUTE("num_paypal_dispute", Kind.COUNT, false, "number of PayPal disputes"),
    DAYS_LAST_RENEWAL("days_last_renewal", Kind.DAYS, true, "days since the last subscription renewal"),
    NUM_RENEWAL("num_renewal", Kind.COUNT, true, "number of subscription renewals"),
    NUM_SUCCESS_RENEWAL("num_success_renewal", Kind.COUNT, true, "number of successful subscription renewals"),
    NUM_OVERDUE_RENEWAL("num_overdue_renewal", Kind.COUNT, true, "number of overdue subscription renewals");

    public enum Kind { DAYS, COUNT, MONEY }

    private final String wire;
    private final Kind kind;
    private final boolean subscription;
    private final String meaning;

    Figure(String wire, Kind kind, boolean subscription, String meaning) {
        this.wire = wire;
        this.kind = kind;
        this.subscription = subscription;
        this.meaning = meaning;
    }

    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the figure is a subscription option rather than a value. */
    public boolean subscription() {
        return subscription;
    }

    public String meaning() {
        return meaning;
    }

    public static List<Figure> values(boolean subscription) {
        return Arrays.stream(values()).filter(f -> f.subscription == subscription).toList();
    }
}
