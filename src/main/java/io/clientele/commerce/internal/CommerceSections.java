package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.ProductPurchased;
import io.clientele.customer.ProfileSections;
import java.util.List;


/**
 * Commerce's sections of the customer profile (GetCustomer): lifetime value, products purchased, recent
 * sales, refunds, subscriptions (with their newest renewals), shipments, chargebacks, PayPal disputes and
 * fraud detections, each one indexed statement. A new record kind adds one {@code sections.register} here
 * with a "recent N" read on its (tenant_id, customer_id) index.
 */
public final class CommerceSections {
    public static final int PRODUCTS = 20;
    public static final int RECENT_SALES = 10;
    public static final int RECENT_REFUNDS = 10;
    public static final int SUBSCRIPTIONS = 10;
    public static final int SUBSCRIPTION_RENEWALS = 3;
    public static final int RECENT_SHIPMENTS = 10;
    public static final int RECENT_CHARGEBACKS = 10;
    public static final int RECENT_PAYPAL_DISPUTES = 10;
    public static final int RECENT_FRAUD_DETECTIONS = 10;

    record Listed(List<ProductPurchased> products, boolean more) {}

    private CommerceSections() {}

    public static void register(ProfileSections sections, LifetimeValueStore lifetimeValues, PurchaseHistoryStore history,
                                SubscriptionStore subscriptions, ShippingStore shipments, DisputeStore disputes) {
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
        sections.register("subscriptions", array(SubscriptionSchemas.withRenewals(SUBSCRIPTION_RENEWALS), SUBSCRIPTIONS,
                        "The " + SUBSCRIPTIONS + " newest subscriptions and trials whatever their status, newest recorded first,"
                                + " each with its " + SUBSCRIPTION_RENEWALS + " newest renewals; GetSubscriptions pages through all."),
                (tx, customerId) -> subscriptions.recentForCustomer(tx, customerId, SUBSCRIPTIONS, SUBSCRIPTION_RENEWALS));
        sections.register("shipments", array(ShippingSchemas.shipping(), RECENT_SHIPMENTS,
                        "The " + RECENT_SHIPMENTS + " newest shipments of the customer's sales, newest recorded first;"
                                + " GetSale shows a sale's shipments."),
                (tx, customerId) -> shipments.recentOfCustomer(tx, customerId, RECENT_SHIPMENTS));
        sections.register("chargebacks", array(SaleSchemas.chargeback(), RECENT_CHARGEBACKS,
                        "The " + RECENT_CHARGEBACKS + " newest chargebacks, newest first; GetSale shows a sale's chargebacks."),
                (tx, customerId) -> disputes.recentChargebacks(tx, customerId, RECENT_CHARGEBACKS));
        sections.register("paypal_disputes", array(SaleSchemas.paypalDispute(), RECENT_PAYPAL_DISPUTES,
                        "The " + RECENT_PAYPAL_DISPUTES + " newest PayPal disputes, newest first; GetSale shows a sale's disputes."),
                (tx, customerId) -> disputes.recentPaypalDisputes(tx, customerId, RECENT_PAYPAL_DISPUTES));
        sections.register("fraud_detections", array(SaleSchemas.fraudDetection(), RECENT_FRAUD_DETECTIONS,
                        "The " + RECENT_FRAUD_DETECTIONS + " newest fraud detections on the customer or its sales, newest first."),
                (tx, customerId) -> disputes.recentFraudDetections(tx, customerId, RECENT_FRAUD_DETECTIONS));
    }
}
