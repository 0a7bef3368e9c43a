package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.CampaignStore;
import io.clientele.commerce.internal.CommerceSections;
import io.clientele.commerce.internal.CreateRefundOperation;
import io.clientele.commerce.internal.CommerceRecordsMerge;
import io.clientele.commerce.internal.CreateChargebackOperation;
import io.clientele.commerce.internal.CreateFraudDetectionOperation;
import io.clientele.commerce.internal.CreatePaypalDisputeOperation;
import io.clientele.commerce.internal.CreateSaleOperation;
import io.clientele.commerce.internal.CreateShippingOperation;
import io.clientele.commerce.internal.EditShippingOperation;
import io.clientele.commerce.internal.GetShippingOperation;
import io.clientele.commerce.internal.ShippingStore;
import io.clientele.commerce.internal.CreateSubscriptionOperation;
import io.clientele.commerce.internal.CreateSubscriptionRenewalOperation;
import io.clientele.commerce.internal.EditSubscriptionOperation;
import io.clientele.commerce.internal.EditSubscriptionRenewalOperation;
import io.clientele.commerce.internal.GetSubscriptionOperation;
import io.clientele.commerce.internal.GetSubscriptionsOperation;
import io.clientele.commerce.internal.SubscriptionStore;
import io.clientele.commerce.internal.DisputeStore;
import io.clientele.commerce.internal.EditSaleOperation;
import io.clientele.commerce.internal.GetCampaignsOperation;
import io.clientele.commerce.internal.GetLifetimeValueOperation;
import io.clientele.commerce.internal.GetProductGroupsOperation;
import io.clientele.commerce.internal.GetProductOperation;
import io.clientele.commerce.internal.GetProductsOperation;
import io.clientele.commerce.internal.GetProductsPurchasedOperation;
import io.clientele.commerce.internal.GetSaleOperation;
import io.clientele.commerce.internal.GetSalesOperation;
import io.clientele.commerce.internal.GetThirdPartyShopsOperation;
import io.clientele.commerce.internal.HistoryImport;
import io.clientele.commerce.internal.ImportCommerceHistoryOperation;
import io.clientele.commerce.internal.ImportedRecordStore;
import io.clientele.commerce.internal.LifetimeValueStore;
import io.clientele.commerce.internal.ProductGroupStore;
import io.clientele.commerce.internal.ProductStore;
import io.clientele.commerce.internal.PurchaseHistoryStore;
import io.clientele.commerce.internal.RebuildLifetimeValuesOperation;
import io.clientele.commerce.internal.SaleStore;
import io.clientele.commerce.internal.ThirdPartyShopStore;
import io.clientele.commerce.internal.UpsertCampaignOperation;
import io.clientele.commerce.internal.UpsertProductGroupOperation;
import io.clientele.commerce.internal.UpsertProductOperation;
import io.clientele.commerce.internal.UpsertThirdPartyShopOperation;
import io.clientele.commerce.internal.Upserting;
import io.clientele.customer.Customers;
import io.clientele.customer.ItemTypes;
import io.clientele.customer.ProfileSections;
import io.clientele.event.Events;
import io.clientele.operation.Operation;
import java.util.List;

/** Wires the commerce feature: its stores, its services and its operations. */
public final class CommerceFeature {
    /**
     * The audit item types of commerce that are not note/metadata item types, for GetAuditLog: the catalogue's
     * items, sale transactions, refunds, lifetime values (audited when a rebuild corrects them), chargebacks,
     * PayPal disputes and fraud detections.
     */
    public static final List<String> AUDITED_ITEM_TYPES = List.of("product", "product_group", "campaign", "third_party_shop",
            "sale_transaction", "refund", "lifetime_value", "chargeback", "paypal_dispute", "fraud_detection");

    private final ProductStore products = new ProductStore();
    private final ProductGroupStore groups = new ProductGroupStore();
    private final CampaignStore campaigns = new CampaignStore();
    private final ThirdPartyShopStore shops = new ThirdPartyShopStore();
    private final Catalogue catalogue = new Catalogue(products, groups, campaigns, shops);
    private final Upserting upserting;
    private final Sales sales;
    private final Disputes disputes;
    private final Subscriptions subscriptions;
    private final Shipments shipments;
    private final LifetimeValues lifetimeValues;
    private final Customers customers;
    private final PurchaseHistoryStore purchaseHistory = new PurchaseHistoryStore();
    private final HistoryImport historyImport;

    /**
     * Registers {@code sale}, {@code product_sale}, {@code shipping}, {@code subscription} and
     * {@code subscription_renewal} as item types (notes and metadata attach to them, and
     * show in their customer's history). The catalogue emits no events and its items are not item types.
     * Registers commerce's profile sections (lifetime value, products purchased, recent sales, refunds,
     * subscriptions, shipments, chargebacks, PayPal disputes, fraud detections).
     */
    public CommerceFeature(Events events, AuditLog audit, ItemTypes itemTypes, ProfileSections profile, Customers customers) {
        this.customers = customers;
        this.upserting = new Upserting(audit);
        LifetimeValueStore lifetimeValueStore = new LifetimeValueStore();
        SaleStore saleStore = new SaleStore();
        DisputeStore disputeStore = new DisputeStore();
        ShippingStore shippingStore = new ShippingStore();
        this.sales = new Sales(saleStore, disputeStore, shippingStore, lifetimeValueStore, catalogue, customers, events, audit);
        this.shipments = new Shipments(shippingStore, saleStore, customers, events, audit);
        this.disputes = new Disputes(disputeStore, saleStore, lifetimeValueStore, customers, events, audit);
        SubscriptionStore subscriptionStore = new SubscriptionStore();
        this.subscriptions = new Subscriptions(subscriptionStore, saleStore, lifetimeValueStore, catalogue, customers,
                events, audit);
        this.lifetimeValues = new LifetimeValues(lifetimeValueStore, customers, audit);
        customers.onMerge(new CommerceRecordsMerge(lifetimeValues));
        itemTypes.register("sale", sales::customerOfSale);
        itemTypes.register("product_sale", sales::customerOfProductSale);
        itemTypes.register("shipping", shipments::customerOfShipping);
        itemTypes.register("subscription", subscriptions::customerOfSubscription);
        itemTypes.register("subscription_renewal", subscriptions::customerOfRenewal);
        CommerceSections.register(profile);
        this.historyImport = new HistoryImport(customers, sales, subscriptions, shipments, disputes, new SaleStore(),
                new ImportedRecordStore());
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Sales sales() {
        return sales;
    }

    public Disputes disputes() {
        return disputes;
    }

    public Shipments shipments() {
        return shipments;
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    public LifetimeValues lifetimeValues() {
        return lifetimeValues;
    }

    /** The operations; call after every feature registered its item types. */
    public List<Operation<?>> operations() {
        return List.of(
                new UpsertProductOperation(upserting, products, groups),
                new GetProductOperation(catalogue),
                new GetProductsOperation(products),
                new UpsertProductGroupOperation(upserting, groups),
                new GetProductGroupsOperation(groups),
                new UpsertCampaignOperation(upserting, campaigns),
                new GetCampaignsOperation(campaigns),
                new UpsertThirdPartyShopOperation(upserting, shops),
                new GetThirdPartyShopsOperation(shops),
                new CreateSaleOperation(sales),
                new GetSaleOperation(sales),
                new GetSalesOperation(sales),
                new EditSaleOperation(sales),
                new CreateRefundOperation(sales, subscriptions),
                new CreateChargebackOperation(disputes),
                new CreatePaypalDisputeOperation(disputes),
                new CreateFraudDetectionOperation(disputes),
                new CreateShippingOperation(shipments),
                new GetShippingOperation(shipments),
                new EditShippingOperation(shipments),
                new CreateSubscriptionOperation(subscriptions),
                new GetSubscriptionOperation(subscriptions),
                new GetSubscriptionsOperation(subscriptions),
                new EditSubscriptionOperation(subscriptions),
                new CreateSubscriptionRenewalOperation(subscriptions),
                new EditSubscriptionRenewalOperation(subscriptions),
                new GetLifetimeValueOperation(lifetimeValues),
                new GetProductsPurchasedOperation(customers, purchaseHistory),
                new ImportCommerceHistoryOperation(historyImport),
                new RebuildLifetimeValuesOperation(lifetimeValues));
    }
}
