package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money given back on a sale, or on one of its product sales when {@code productSaleId} is set; or on a
 * subscription renewal ({@code subscriptionRenewalId} set, {@code saleId} null).
 */
public record Refund(
        String refundId,
        String saleId,
        String productSaleId,
        String subscriptionRenewalId,
        String customerId,
        BigDecimal amount,
        String reason,
        Instant createdAt) {}
