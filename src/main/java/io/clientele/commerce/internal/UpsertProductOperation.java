package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.money;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Product;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Ids;
import io.clientele.platform.Money;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.util.List;

public final class UpsertProductOperation implements Operation<UpsertProductOperation.Input> {
    record Input(String productId, String name, String sku, String internalId, BigDecimal price, String productGroupId) {}

    record Upserted(String productId, String outcome, List<String> changedFields, Product product) {}

    private final Upserting upserting;
    private final ProductStore products;
    private final ProductGroupStore groups;
    private final OperationSpec<Input> spec = OperationSpec.named("UpsertProduct")
            .loggedAs("product", "upsert")
            .writes()
            .description("""
                    Create or update a product of the catalogue: name, sku, internal_id, price and product group.
                    With product_id, updates that product (not_found if it does not exist). Without product_id but
                    with an internal_id (your shop system's id), updates the product that has that internal_id, or
                    creates it if none has: sending the same catalogue twice updates instead of duplicating. Without
                    either, creates a product. On update, fields left out stay as they are and an empty string clears
                    sku, internal_id or product_group_id. price is a number in the tenant's currency, 0 to
                    99999999999.99, at most 2 decimals. product_group_id must be a product group of this tenant
                    (UpsertProductGroup creates one). An internal_id already used by another product is a conflict.
                    Every change is audited (item type product). Answers with product_id, outcome (created, updated
                    or unchanged), changed_fields and the product.""")
            .schemas(Input.class,
                    CatalogueSchemas.upsertInput("UpsertProduct", "product", "product")
                            .property("sku", string(CatalogueSchemas.SKU, "Stock keeping unit." + CatalogueSchemas.CLEAR_HINT))
                            .property("price", money(CatalogueSchemas.PRICE))
                            .property("product_group_id", string(Ids.LENGTH, "The product group (20-character id) the"
                                    + " product belongs to." + CatalogueSchemas.CLEAR_HINT).put("pattern", "^([0-9A-Za-z]{20})?$"))
                            .build(),
                    CatalogueSchemas.upsertOutput("UpsertProduct", "product", CatalogueSchemas.product()));

    public UpsertProductOperation(Upserting upserting, ProductStore products, ProductGroupStore groups) {
        this.upserting = upserting;
        this.products = products;
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        BigDecimal price = in.price() == null ? null : Money.check(in.price(), "/price");
        String name = Upserting.name(in.name());
        Upserting.Result<Product> r = upserting.upsert(tx, products, in.productId(), Upserting.lookupKey(in.internalId()),
                before -> {
                    String groupId = Upserting.pick(before == null ? null : before.productGroupId(), in.productGroupId());
                    if (in.productGroupId() != null && groupId != null && !groups.exists(tx, groupId)) {
                        throw Problem.notFound("product_group", groupId);
                    }
                    return before == null
                            ? new Product(Ids.newId(), name, Upserting.pick(null, in.sku()), Upserting.pick(null, in.internalId()),
                                    price, groupId, tx.now(), tx.now())
                            : new Product(before.productId(), name, Upserting.pick(before.sku(), in.sku()),
                                    Upserting.pick(before.internalId(), in.internalId()),
                                    price == null ? before.price() : price, groupId, before.createdAt(), tx.now());
                });
        Product p = r.item();
        return Outcome.of(Upserting.sentence("Product", r), new Upserted(p.productId(), r.outcome(), r.changedFields(), p));
    }
}
