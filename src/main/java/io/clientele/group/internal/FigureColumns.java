package io.clientele.group.internal;

import io.clientele.group.Figure;
import io.clientele.group.SubscriptionStatus;

/**
 * Where each seed 002 figure comes from in the published relations ({@code CommerceFacts.FIGURES} as {@code f},
 * {@code CustomerFacts.LIVE} as {@code c}); both interpreters read through this one mapping.
 */
final class FigureColumns {
    private FigureColumns() {}

    /** The {@code CommerceFacts.FIGURES} column of a figure not counted in days. */
    static String column(Figure figure) {
        return switch (figure) {
            case LIFETIME_VALUE -> "net";
            case LIFETIME_REFUNDED -> "refunded";
            case LIFETIME_CHARGEBACK -> "chargeback_amount";
            case LIFETIME_PAYPAL_DISPUTE -> "paypal_dispute_amount";
            case NUM_SALE, AVG_SALE, NUM_SUCCESS_SALE, NUM_UPSELL_SALE, NUM_PENDING_DECLINED_SALE,
                 NUM_PENDING_ABANDONED_SALE, NUM_FRAUD_DETECTION, NUM_CHARGEBACK, NUM_PAYPAL_DISPUTE, NUM_RENEWAL,
                 NUM_SUCCESS_RENEWAL, NUM_OVERDUE_RENEWAL -> figure.wire();
            case DAYS_SINCE_CREATED, DAYS_LAST_SALE, DAYS_LAST_RENEWAL ->
                    throw new IllegalArgumentException(figure.wire() + " is counted in days from " + since(figure));
        };
    }

    /** The timestamp a day-counted figure counts from: {@code c.created_at}, {@code f.last_sale_at} or {@code f.last_renewal_at}. */
    static String since(Figure figure) {
        return switch (figure) {
            case DAYS_SINCE_CREATED -> "c.created_at";
            case DAYS_LAST_SALE -> "f.last_sale_at";
            case DAYS_LAST_RENEWAL -> "f.last_renewal_at";
            default -> throw new IllegalArgumentException(figure.wire() + " is not counted in days");
        };
    }

    /** The count of the customer's subscriptions in a status. */
    static String subscriptions(SubscriptionStatus status) {
        return "num_" + status.wire() + "_subscription";
    }
}
