package io.clientele.commerce.internal;

import io.clientele.commerce.SubscriptionRenewal;
import io.clientele.commerce.SubscriptionRenewalStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** The parts of a subscription renewal its customer's lifetime value reads. */
public record RenewalFigures(SubscriptionRenewalStatus status, BigDecimal amount, BigDecimal refunded, Instant renewedAt) {

    public static RenewalFigures of(SubscriptionRenewal renewal) {
        return new RenewalFigures(renewal.status(), renewal.amount(), renewal.refunded(), renewal.renewedAt());
    }
}
