package io.clientele.commerce;

import java.time.Instant;

/**
 * A fraud signal about a customer, or about one of its sales when {@code saleId} is set: where it came
 * from, its score (0–100) and why, each optional.
 */
public record FraudDetection(
        String fraudDetectionId,
        String saleId,
        String customerId,
        String source,
        Integer score,
        String reason,
        Instant createdAt) {}
