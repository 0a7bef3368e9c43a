package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** One billing of a subscription: its amount, outcome, when it was attempted, and how much was refunded. */
public record SubscriptionRenewal(
        String subscriptionRenewalId,
        String subscriptionId,
        String customerId,
        SubscriptionRenewalStatus status,
        BigDecimal amount,
        BigDecimal refunded,
        Instant renewedAt,
        Instant createdAt,
        Instant updatedAt) {

    public SubscriptionRenewal with(SubscriptionRenewalStatus newStatus, BigDecimal newRefunded, Instant now) {
        return new SubscriptionRenewal(subscriptionRenewalId, subscriptionId, customerId, newStatus, amount, newRefunded,
                renewedAt, createdAt, now);
    }

    public BigDecimal refundable() {
        return amount.subtract(refunded);
    }
}
