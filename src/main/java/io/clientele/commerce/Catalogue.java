package io.clientele.commerce;

import io.clientele.commerce.internal.CampaignStore;
import io.clientele.commerce.internal.ProductGroupStore;
import io.clientele.commerce.internal.ProductStore;
import io.clientele.commerce.internal.ThirdPartyShopStore;
import io.clientele.platform.Tx;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue's API for the rest of commerce and other features: products, product groups, campaigns and
 * third-party shops of the tx's tenant. An item of another tenant is absent, exactly like one that never
 * existed. Catalogue items are changed only through the Upsert* operations, which audit every change.
 */
public final class Catalogue {
    private final ProductStore products;
    private final ProductGroupStore groups;
    private final CampaignStore campaigns;
    private final ThirdPartyShopStore shops;

    public Catalogue(ProductStore products, ProductGroupStore groups, CampaignStore campaigns, ThirdPartyShopStore shops) {
        this.products = products;
        this.groups = groups;
        this.campaigns = campaigns;
        this.shops = shops;
    }

    /** The tenant's product, or empty. */
    public Optional<Product> product(Tx tx, String productId) {
        return products.find(tx, productId, false);
    }

    /** The tenant's products among {@code productIds}, by id; one statement. */
    public Map<String, Product> products(Tx tx, Collection<String> productIds) {
        return products.findAll(tx, productIds);
    }

    /** Those of {@code campaignIds} that are campaigns of the tenant; one statement. */
    public Set<String> existingCampaigns(Tx tx, Collection<String> campaignIds) {
        return campaigns.findAll(tx, campaignIds).keySet();
    }

    /** Those of {@code shopIds} that are third-party shops of the tenant; one statement. */
    public Set<String> existingShops(Tx tx, Collection<String> shopIds) {
        return shops.findAll(tx, shopIds).keySet();
    }

    public boolean campaignExists(Tx tx, String campaignId) {
        return campaigns.exists(tx, campaignId);
    }

    public boolean productGroupExists(Tx tx, String productGroupId) {
        return groups.exists(tx, productGroupId);
    }

    /** Whether a third-party shop with this id exists in the tenant. */
    public boolean shopExists(Tx tx, String shopId) {
        return shops.exists(tx, shopId);
    }
}
