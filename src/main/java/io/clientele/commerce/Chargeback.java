package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** Money the customer's bank took back on a sale at the cardholder's request. */
public record Chargeback(
        String chargebackId,
        String saleId,
        String customerId,
        BigDecimal amount,
        String reason,
        Instant createdAt) {}
