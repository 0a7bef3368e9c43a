package io.clientele.commerce;

import io.clientele.customer.CustomerDraft;
import java.time.Instant;
import java.util.List;

/**
 * A sale to record ({@code CreateSale}'s input). The customer is named by {@code customerId} or by
 * contact details in {@code customer} (matched by email, created when no live customer has it), never
 * both. {@code externalId} is the caller's id of the sale: sending the same sale again with it records
 * nothing twice. {@code soldAt} defaults to now. {@code transaction}, when given, records the gateway's
 * answer to the first payment attempt.
 */
public record NewSale(
        String customerId,
        CustomerDraft customer,
        String externalId,
        SaleStatus status,
        String campaignId,
        String thirdPartyShopId,
        Instant soldAt,
        List<NewProductSale> productSales,
        GatewayResponse transaction) {

    /**
     * One line of a new sale. {@code price} defaults to the product's catalogue price; discount, tax and
     * shipping to 0; upsell to false. Null means "not given".
     */
    public record NewProductSale(String productId, Integer quantity, java.math.BigDecimal price,
                                 java.math.BigDecimal discount, java.math.BigDecimal tax,
                                 java.math.BigDecimal shipping, Boolean upsell) {}
}
