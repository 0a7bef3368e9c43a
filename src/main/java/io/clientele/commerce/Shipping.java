package io.clientele.commerce;

import java.time.Instant;

/**
 * A shipment of a sale (the seeds call the item {@code shipping}): its status, carrier and tracking, and
 * when it was shipped, delivered or returned.
 */
public record Shipping(
        String shippingId,
        String saleId,
        String customerId,
        ShippingStatus status,
        String carrier,
        String trackingNumber,
        String trackingUrl,
        Instant shippedAt,
        Instant deliveredAt,
        Instant returnedAt,
        Instant createdAt,
        Instant updatedAt) {}
