package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.ProductPurchased;
import io.clientele.customer.ProfileSections;
import io.clientele.platform.BatchedSelects;
import java.util.List;


/**
 * Commerce's sections of the customer profile (GetCustomer): lifetime value, products purchased, recent
 * sales, refunds, subscriptions (with their newest renewals), shipments, chargebacks, PayPal disputes and
 * fraud detections, each one indexed SELECT, all read together by one {@link BatchedSelects}
 * statement. A new record kind adds a definition here and its store's {@code BatchedSelects.Select} (a "recent N"
 * read on its (tenant_id, customer_id, ...) index) to the list, in the same position.
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

    public static void register(ProfileSections sections) {
        List<ProfileSections.Definition> definitions = List.of(
                new ProfileSections.Definition("lifetime_value", SaleSchemas.lifetimeValue()),
                new ProfileSections.Definition("products_purchased", object("Products bought in successful sales, most recently bought first.")
                        .required("products", PurchaseSchemas.productsPurchased(PRODUCTS,
                                "Up to " + PRODUCTS + " products; GetProductsPurchased lists them all."))
                        .required("more", bool("Whether the customer bought more products than listed."))
                        .build()),
                new ProfileSections.Definition("recent_sales", array(PurchaseSchemas.recentSale(), RECENT_SALES,
                        "The " + RECENT_SALES + " newest sales whatever their status, newest sold first; GetSales pages through all.")),
                new ProfileSections.Definition("refunds", array(SaleSchemas.refund(), RECENT_REFUNDS,
                        "The " + RECENT_REFUNDS + " newest refunds, newest first; GetSale shows a sale's refunds.")),
                new ProfileSections.Definition("subscriptions", array(SubscriptionSchemas.withRenewals(SUBSCRIPTION_RENEWALS), SUBSCRIPTIONS,
                        "The " + SUBSCRIPTIONS + " newest subscriptions and trials whatever their status, newest recorded first,"
                                + " each with its " + SUBSCRIPTION_RENEWALS + " newest renewals; GetSubscriptions pages through all.")),
                new ProfileSections.Definition("shipments", array(ShippingSchemas.shipping(), RECENT_SHIPMENTS,
                        "The " + RECENT_SHIPMENTS + " newest shipments of the customer's sales, newest recorded first;"
                                + " GetSale shows a sale's shipments.")),
                new ProfileSections.Definition("chargebacks", array(SaleSchemas.chargeback(), RECENT_CHARGEBACKS,
                        "The " + RECENT_CHARGEBACKS + " newest chargebacks, newest first; GetSale shows a sale's chargebacks.")),
                new ProfileSections.Definition("paypal_disputes", array(SaleSchemas.paypalDispute(), RECENT_PAYPAL_DISPUTES,
                        "The " + RECENT_PAYPAL_DISPUTES + " newest PayPal disputes, newest first; GetSale shows a sale's disputes.")),
                new ProfileSections.Definition("fraud_detections", array(SaleSchemas.fraudDetection(), RECENT_FRAUD_DETECTIONS,
                        "The " + RECENT_FRAUD_DETECTIONS + " newest fraud detections on the customer or its sales, newest first.")));
        BatchedSelects read = new BatchedSelects("customer", List.of(
                LifetimeValueStore.profile("lifetime_value"),
                PurchaseHistoryStore.profileProductsPurchased("products_purchased", PRODUCTS),
                PurchaseHistoryStore.profileRecentSales("recent_sales", RECENT_SALES),
                PurchaseHistoryStore.profileRefunds("refunds", RECENT_REFUNDS),
                SubscriptionStore.profile("subscriptions", SUBSCRIPTIONS, SUBSCRIPTION_RENEWALS),
                ShippingStore.profile("shipments", RECENT_SHIPMENTS),
                DisputeStore.profileChargebacks("chargebacks", RECENT_CHARGEBACKS),
                DisputeStore.profilePaypalDisputes("paypal_disputes", RECENT_PAYPAL_DISPUTES),
                DisputeStore.profileFraudDetections("fraud_detections", RECENT_FRAUD_DETECTIONS)));
        if (!read.keys().equals(definitions.stream().map(ProfileSections.Definition::name).toList())) {
            throw new IllegalStateException("commerce profile sections and their statements differ");
        }
        sections.registerTogether(definitions, read::read);
    }
}
