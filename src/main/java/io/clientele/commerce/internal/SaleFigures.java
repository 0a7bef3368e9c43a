package io.clientele.commerce.internal;

import io.clientele.commerce.Sale;
import io.clientele.commerce.SaleStatus;
import java.math.BigDecimal;
import java.time.Instant;

/** The parts of a sale its customer's lifetime value reads. */
public record SaleFigures(SaleStatus status, BigDecimal total, BigDecimal discount, BigDecimal refunded, Instant soldAt,
                          boolean upsell) {

    public static SaleFigures of(Sale sale) {
        return new SaleFigures(sale.status(), sale.total(), sale.discount(), sale.refunded(), sale.soldAt(), sale.upsell());
    }
}
