package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import io.clientele.commerce.ProductGroup;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetProductGroupsOperation implements Operation<GetProductGroupsOperation.Input> {
    record Input(String internalId, String order, Integer limit, String cursor) {}

    record Page(List<ProductGroup> productGroups, String nextCursor) {}

    private final ProductGroupStore groups;
    private final OperationSpec<Input> spec = OperationSpec.named("GetProductGroups")
            .loggedAs("product_group", "list")
            .reads()
            .description("""
                    List the catalogue's product groups, newest first by default, one page at a time. internal_id
                    finds the group with your own id for it (exact, case-sensitive). Pass next_cursor from a page to
                    get the next one, with the same filter and order; next_cursor is null on the last page. GetProducts
                    with product_group_id lists a group's products.""")
            .schemas(Input.class,
                    CatalogueSchemas.listInput("GetProductGroups", "product group").build(),
                    CatalogueSchemas.listOutput("GetProductGroups", "product_groups", CatalogueSchemas.productGroup()));

    public GetProductGroupsOperation(ProductGroupStore groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        Paging.Page<ProductGroup> page = paging.page(groups.list(tx, in.internalId(), paging),
                ProductGroup::createdAt, ProductGroup::productGroupId);
        String result = page.items().isEmpty()
                ? "No product groups match."
                : page.items().size() + " product group(s) listed.";
        return Outcome.of(result, new Page(page.items(), page.nextCursor()));
    }
}
