package io.clientele.commerce.internal;

import io.clientele.commerce.IntervalUnit;
import io.clientele.commerce.Subscription;
import io.clientele.commerce.SubscriptionRenewal;
import io.clientele.commerce.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A subscription as GetCustomer's {@code subscriptions} section shows it: the subscription and its newest renewals. */
record ProfileSubscription(
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
        Instant updatedAt,
        List<SubscriptionRenewal> renewals) {

    static ProfileSubscription of(Subscription s, List<SubscriptionRenewal> renewals) {
        return new ProfileSubscription(s.subscriptionId(), s.customerId(), s.productId(), s.saleId(), s.status(), s.price(),
                s.intervalUnit(), s.intervalCount(), s.occurrenceLimit(), s.nextRenewalAt(), s.trialEndsAt(), s.startedAt(),
                s.createdAt(), s.updatedAt(), renewals);
    }
}
