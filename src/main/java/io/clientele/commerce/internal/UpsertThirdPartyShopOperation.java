package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.ThirdPartyShop;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Ids;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

public final class UpsertThirdPartyShopOperation implements Operation<UpsertThirdPartyShopOperation.Input> {
    record Input(String thirdPartyShopId, String name, String internalId, String url, String description) {}

    record Upserted(String thirdPartyShopId, String outcome, List<String> changedFields, ThirdPartyShop thirdPartyShop) {}

    private final Upserting upserting;
    private final ThirdPartyShopStore shops;
    private final OperationSpec<Input> spec = OperationSpec.named("UpsertThirdPartyShop")
            .loggedAs("third_party_shop", "upsert")
            .writes()
            .description("""
                    Create or update a third-party shop the tenant sells through (a marketplace such as Amazon or
                    eBay, a reseller): name, internal_id, url and description. With third_party_shop_id, updates
                    that shop (not_found if it does not exist). Without third_party_shop_id but with an internal_id
                    (your own id for the shop), updates the shop that has that internal_id, or creates it if none
                    has, so syncing twice does not duplicate it. Without either, creates a shop. url must be an
                    http or https address. On update, fields left out stay as they are and an empty string clears
                    internal_id, url or description. An internal_id already used by another shop is a conflict.
                    Every change is audited (item type third_party_shop). Answers with third_party_shop_id, outcome
                    (created, updated or unchanged), changed_fields and the shop.""")
            .schemas(Input.class,
                    CatalogueSchemas.upsertInput("UpsertThirdPartyShop", "third_party_shop", "shop")
                            .property("url", string(CatalogueSchemas.URL, "The shop's web address, http or https, e.g."
                                    + " https://www.amazon.com/s?me=A1B2C3." + CatalogueSchemas.CLEAR_HINT))
                            .property("description", CatalogueSchemas.description("shop"))
                            .build(),
                    CatalogueSchemas.upsertOutput("UpsertThirdPartyShop", "third_party_shop", CatalogueSchemas.thirdPartyShop()));

    public UpsertThirdPartyShopOperation(Upserting upserting, ThirdPartyShopStore shops) {
        this.upserting = upserting;
        this.shops = shops;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        String name = Upserting.name(in.name());
        if (in.url() != null && !in.url().isBlank()) checkUrl(in.url().strip());
        Upserting.Result<ThirdPartyShop> r = upserting.upsert(tx, shops, in.thirdPartyShopId(),
                Upserting.lookupKey(in.internalId()), before -> before == null
                        ? new ThirdPartyShop(Ids.newId(), name, Upserting.pick(null, in.internalId()),
                                Upserting.pick(null, in.url()), Upserting.pick(null, in.description()), tx.now(), tx.now())
                        : new ThirdPartyShop(before.thirdPartyShopId(), name,
                                Upserting.pick(before.internalId(), in.internalId()), Upserting.pick(before.url(), in.url()),
                                Upserting.pick(before.description(), in.description()), before.createdAt(), tx.now()));
        ThirdPartyShop s = r.item();
        return Outcome.of(Upserting.sentence("Third-party shop", r),
                new Upserted(s.thirdPartyShopId(), r.outcome(), r.changedFields(), s));
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return;
        } catch (URISyntaxException e) {
            // answered below
        }
        throw Problem.validation("/url", "must be an absolute http or https address, e.g. https://shop.example.com");
    }
}
