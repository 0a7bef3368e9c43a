package io.clientele.commerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A sale as the customer profile summarises it: status, amounts and what was bought, without transactions. */
public record RecentSale(
        String saleId,
        String externalId,
        SaleStatus status,
        Instant soldAt,
        BigDecimal total,
        BigDecimal refunded,
        List<Line> lines) {

    /** One product sale of it: the product, its name, how many, the line's total. */
    public record Line(String productId, String name, int quantity, BigDecimal total) {}
}
