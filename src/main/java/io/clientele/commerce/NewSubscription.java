package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** A subscription to record: {@code price} defaults to the product's; {@code status} to active. */
public record NewSubscription(
        String customerId,
        String productId,
        String saleId,
        SubscriptionStatus status,
        BigDecimal price,
        IntervalUnit intervalUnit,
        Integer intervalCount,
        Integer occurrenceLimit,
        Instant nextRenewalAt,
        Instant trialEndsAt,
        Instant startedAt) {}
