package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** A dispute the customer opened with PayPal over a sale; the money is not lost unless PayPal decides so. */
public record PaypalDispute(
        String paypalDisputeId,
        String saleId,
        String customerId,
        BigDecimal amount,
        String reason,
        Instant createdAt) {}
