package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import io.clientele.commerce.ThirdPartyShop;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetThirdPartyShopsOperation implements Operation<GetThirdPartyShopsOperation.Input> {
    record Input(String internalId, String order, Integer limit, String cursor) {}

    record Page(List<ThirdPartyShop> thirdPartyShops, String nextCursor) {}

    private final ThirdPartyShopStore shops;
    private final OperationSpec<Input> spec = OperationSpec.named("GetThirdPartyShops")
            .loggedAs("third_party_shop", "list")
            .reads()
            .description("""
                    List the third-party shops the tenant sells through (marketplaces, resellers), newest first by
                    default, one page at a time. internal_id finds the shop with your own id for it (exact,
                    case-sensitive). Pass next_cursor from a page to get the next one, with the same filter and
                    order; next_cursor is null on the last page.""")
            .schemas(Input.class,
                    CatalogueSchemas.listInput("GetThirdPartyShops", "shop").build(),
                    CatalogueSchemas.listOutput("GetThirdPartyShops", "third_party_shops", CatalogueSchemas.thirdPartyShop()));

    public GetThirdPartyShopsOperation(ThirdPartyShopStore shops) {
        this.shops = shops;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        Paging.Page<ThirdPartyShop> page = paging.page(shops.list(tx, in.internalId(), paging),
                ThirdPartyShop::createdAt, ThirdPartyShop::thirdPartyShopId);
        String result = page.items().isEmpty()
                ? "No third-party shops match."
                : page.items().size() + " third-party shop(s) listed.";
        return Outcome.of(result, new Page(page.items(), page.nextCursor()));
    }
}
