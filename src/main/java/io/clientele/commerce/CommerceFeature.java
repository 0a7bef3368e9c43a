package io.clientele.commerce;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.internal.CampaignStore;
import io.clientele.commerce.internal.GetCampaignsOperation;
import io.clientele.commerce.internal.GetProductGroupsOperation;
import io.clientele.commerce.internal.GetProductOperation;
import io.clientele.commerce.internal.GetProductsOperation;
import io.clientele.commerce.internal.GetThirdPartyShopsOperation;
import io.clientele.commerce.internal.ProductGroupStore;
import io.clientele.commerce.internal.ProductStore;
import io.clientele.commerce.internal.ThirdPartyShopStore;
import io.clientele.commerce.internal.UpsertCampaignOperation;
import io.clientele.commerce.internal.UpsertProductGroupOperation;
import io.clientele.commerce.internal.UpsertProductOperation;
import io.clientele.commerce.internal.UpsertThirdPartyShopOperation;
import io.clientele.commerce.internal.Upserting;
import io.clientele.customer.Customers;
import io.clientele.customer.ItemTypes;
import io.clientele.event.Events;
import io.clientele.operation.Operation;
import java.util.List;

/** Wires the commerce feature: its stores, its services and its operations. */
public final class CommerceFeature {
    /** The audit item types of the catalogue, for GetAuditLog; catalogue items carry no notes or metadata. */
    public static final List<String> AUDITED_ITEM_TYPES = List.of("product", "product_group", "campaign", "third_party_shop");

    private final ProductStore products = new ProductStore();
    private final ProductGroupStore groups = new ProductGroupStore();
    private final CampaignStore campaigns = new CampaignStore();
    private final ThirdPartyShopStore shops = new ThirdPartyShopStore();
    private final Catalogue catalogue = new Catalogue(products, groups, campaigns, shops);
    private final Upserting upserting;

    /**
     * Events, item types and customers are for the sales records of issue 4; the catalogue emits no events
     * and its items are not item types for notes and metadata.
     */
    public CommerceFeature(Events events, AuditLog audit, ItemTypes itemTypes, Customers customers) {
        this.upserting = new Upserting(audit);
    }

    public Catalogue catalogue() {
        return catalogue;
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
                new GetThirdPartyShopsOperation(shops));
    }
}
