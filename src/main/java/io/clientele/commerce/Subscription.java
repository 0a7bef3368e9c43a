package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer's subscription to a product: billed {@code price} every {@code intervalCount}
 * {@code intervalUnit}s, at most {@code occurrenceLimit} times when set. {@code saleId} is the sale that
 * started it, if any; {@code trialEndsAt} is set for a subscription that started as a trial.
 */
public record Subscription(
        String subscriptionId,
        String customerId,
        String productId,
        String saleId,
        SubscriptionStatus status,
        BigDecimal price,
        IntervalUnit intervalUnit,
        int intervalCount,
        Integer occurrenceLimit,
        Instant nextRenewalAt,
        Instant trialEndsAt,
        Instant startedAt,
        Instant createdAt,
        Instant updatedAt) {

    public Subscription with(SubscriptionStatus newStatus, Instant newNextRenewalAt, Instant now) {
        return new Subscription(subscriptionId, customerId, productId, saleId, newStatus, price, intervalUnit, intervalCount,
                occurrenceLimit, newNextRenewalAt, trialEndsAt, startedAt, createdAt, now);
    }
}
