package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Product;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetProductsOperation implements Operation<GetProductsOperation.Input> {
    record Input(String productGroupId, String sku, String internalId, String order, Integer limit, String cursor) {}

    record Page(List<Product> products, String nextCursor) {}

    private final ProductStore products;
    private final OperationSpec<Input> spec = OperationSpec.named("GetProducts")
            .loggedAs("product", "list")
            .reads()
            .description("""
                    List the catalogue's products, newest first by default, one page at a time. Filters combine
                    with AND: product_group_id (products in that group), sku and internal_id (exact,
                    case-sensitive matches). Pass next_cursor from a page to get the next one, with the same filters
                    and order; next_cursor is null on the last page. Prices are in the tenant's currency.""")
            .schemas(Input.class,
                    CatalogueSchemas.listInput("GetProducts", "product")
                            .property("product_group_id", id("Only products in this product group."))
                            .property("sku", string(CatalogueSchemas.SKU, "Only products with this sku."))
                            .build(),
                    CatalogueSchemas.listOutput("GetProducts", "products", CatalogueSchemas.product()));

    public GetProductsOperation(ProductStore products) {
        this.products = products;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        Paging.Page<Product> page = paging.page(
                products.list(tx, new ProductStore.Filter(in.productGroupId(), in.sku(), in.internalId()), paging),
                Product::createdAt, Product::productId);
        String result = page.items().isEmpty() ? "No products match." : page.items().size() + " product(s) listed.";
        return Outcome.of(result, new Page(page.items(), page.nextCursor()));
    }
}
