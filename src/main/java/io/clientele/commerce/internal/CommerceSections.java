package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.ProductPurchased;
import io.clientele.customer.ProfileSections;
import java.util.List;


/**
 * Commerce's sections of the customer profile (GetCustomer): lifetime value, products purchased, recent
 * sales and refunds, each one indexed statement. A new record kind (subscriptions, shipments, chargebacks,
 * ...) adds one {@code sections.register} here with a "recent N" read on its (tenant_id, customer_id) index.
 */
public final class CommerceSections {
    public static final int PRODUCTS = 20;
    public static final int RECENT_SALES = 10;
    public static final int RECENT_REFUNDS = 10;

    record Listed(List<ProductPurchased> products, boolean more) {}

    private CommerceSections() {}

    public static void register(ProfileSections sections, LifetimeValueStore lifetimeValues, PurchaseHistoryStore history) {
        sections.register("lifetime_value", SaleSchemas.lifetimeValue(),
                (tx, customerId) -> lifetimeValues.find(tx, customerId).orElseGet(() -> LifetimeValueStore.none(customerId)));
        sections.register("products_purchased", object("Products bought in successful sales, most recently bought first.")
                        .required("products", PurchaseSchemas.productsPurchased(PRODUCTS,
                                "Up to " + PRODUCTS + " products; GetProductsPurchased lists them all."))
                        .required("more", bool("Whether the customer bought more products than listed."))
                        .build(),
                (tx, customerId) -> {
                    List<ProductPurchased> rows = history.productsPurchased(tx, customerId, null, PRODUCTS);
                    return new Listed(rows.size() > PRODUCTS ? rows.subList(0, PRODUCTS) : rows, rows.size() > PRODUCTS);
                });
        sections.register("recent_sales", array(PurchaseSchemas.recentSale(), RECENT_SALES,
                        "The " + RECENT_SALES + " newest sales whatever their status, newest sold first; GetSales pages through all."),
                (tx, customerId) -> history.recentSales(tx, customerId, RECENT_SALES));
        sections.register("refunds", array(SaleSchemas.refund(), RECENT_REFUNDS,
                        "The " + RECENT_REFUNDS + " newest refunds, newest first; GetSale shows a sale's refunds."),
                (tx, customerId) -> history.recentRefunds(tx, customerId, RECENT_REFUNDS));
    }
}
