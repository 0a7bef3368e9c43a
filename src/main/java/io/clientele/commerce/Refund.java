package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** Money given back on a sale, or on one of its product sales when {@code productSaleId} is set. */
public record Refund(
        String refundId,
        String saleId,
        String productSaleId,
        String customerId,
        BigDecimal amount,
        String reason,
        Instant createdAt) {}
