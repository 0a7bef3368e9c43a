package io.clientele.commerce;

import java.util.List;

/** A sale with its product sales, gateway transactions and refunds, each oldest first. */
public record SaleDetails(Sale sale, List<ProductSale> productSales, List<SaleTransaction> transactions,
                          List<Refund> refunds) {}
