package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sale as every read returns it. Its amounts are the sums of its product sales; {@code refunded} is
 * the sum of its refunds; {@code upsell} says whether any product sale was an upsell.
 */
public record Sale(
        String saleId,
        String customerId,
        String externalId,
        SaleStatus status,
        String campaignId,
        String thirdPartyShopId,
        Instant soldAt,
        BigDecimal subtotal,
        BigDecimal discount,
        BigDecimal tax,
        BigDecimal shipping,
        BigDecimal total,
        BigDecimal refunded,
        boolean upsell,
        Instant createdAt,
        Instant updatedAt) {

    /** The same sale in another status, refunded amount and update time. */
    Sale with(SaleStatus newStatus, BigDecimal newRefunded, Instant now) {
        return new Sale(saleId, customerId, externalId, newStatus, campaignId, thirdPartyShopId, soldAt, subtotal,
                discount, tax, shipping, total, newRefunded, upsell, createdAt, now);
    }

    /** What is left to refund. */
    public BigDecimal refundable() {
        return total.subtract(refunded);
    }
}
