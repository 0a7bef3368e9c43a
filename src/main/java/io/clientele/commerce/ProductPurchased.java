package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a customer bought of one product, over its successful sales (paid, partially refunded, refunded):
 * docs/commerce.md "Products purchased" defines each figure. {@code averagePrice} is the average unit price
 * paid (Σ quantity × price / Σ quantity, before discounts); {@code gross} is Σ line totals; {@code refunded}
 * is the refunds of its lines plus their share of refunds of whole sales.
 */
public record ProductPurchased(
        String productId,
        String name,
        String internalId,
        String sku,
        long quantity,
        BigDecimal averagePrice,
        BigDecimal gross,
        BigDecimal refunded,
        int purchaseCount,
        Instant firstPurchasedAt,
        Instant lastPurchasedAt) {}
