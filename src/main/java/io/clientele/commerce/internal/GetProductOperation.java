package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.Catalogue;
import io.clientele.commerce.Product;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;

public final class GetProductOperation implements Operation<GetProductOperation.Input> {
    record Input(String productId) {}

    record Found(Product product) {}

    private final Catalogue catalogue;
    private final OperationSpec<Input> spec = OperationSpec.named("GetProduct")
            .loggedAs("product", "get")
            .reads()
            .description("""
                    Read one product of the catalogue by product_id: name, sku, internal_id, price (in the tenant's
                    currency), product_group_id and timestamps. An id of another tenant answers not_found. To find
                    a product by sku or internal_id, use GetProducts with that filter.""")
            .schemas(Input.class,
                    object("GetProduct input.").required("product_id", id("The product's 20-character id.")).build(),
                    object("GetProduct output.").required("product", CatalogueSchemas.product()).build());

    public GetProductOperation(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        Product product = catalogue.product(tx, input.productId())
                .orElseThrow(() -> Problem.notFound("product", input.productId()));
        return Outcome.of("Product found.", new Found(product));
    }
}
