package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a sale: a product, how many, at what price, with its discount, tax and shipping.
 * {@code total = quantity × price − discount + tax + shipping}; {@code refunded} is what refunds of this
 * line took back.
 */
public record ProductSale(
        String productSaleId,
        String saleId,
        String customerId,
        String productId,
        int quantity,
        BigDecimal price,
        BigDecimal discount,
        BigDecimal tax,
        BigDecimal shipping,
        boolean upsell,
        BigDecimal total,
        BigDecimal refunded,
        Instant createdAt) {

    public BigDecimal refundable() {
        return total.subtract(refunded);
    }
}
