package io.clientele.commerce.internal;

import io.clientele.commerce.ProductGroup;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Ids;
import io.clientele.platform.Tx;
import java.util.List;

public final class UpsertProductGroupOperation implements Operation<UpsertProductGroupOperation.Input> {
    record Input(String productGroupId, String name, String internalId, String description) {}

    record Upserted(String productGroupId, String outcome, List<String> changedFields, ProductGroup productGroup) {}

    private final Upserting upserting;
    private final ProductGroupStore groups;
    private final OperationSpec<Input> spec = OperationSpec.named("UpsertProductGroup")
            .loggedAs("product_group", "upsert")
            .writes()
            .description("""
                    Create or update a product group (a category or product line that products belong to): name,
                    internal_id and description. With product_group_id, updates that group (not_found if it does
                    not exist). Without product_group_id but with an internal_id (your shop system's id), updates
                    the group that has that internal_id, or creates it if none has, so loading a catalogue twice
                    does not duplicate it. Without either, creates a group. On update, fields left out stay as they
                    are and an empty string clears internal_id or description. An internal_id already used by
                    another group is a conflict. Every change is audited (item type product_group). Answers with
                    product_group_id, outcome (created, updated or unchanged), changed_fields and the group.""")
            .schemas(Input.class,
                    CatalogueSchemas.upsertInput("UpsertProductGroup", "product_group", "product group")
                            .property("description", CatalogueSchemas.description("product group"))
                            .build(),
                    CatalogueSchemas.upsertOutput("UpsertProductGroup", "product_group", CatalogueSchemas.productGroup()));

    public UpsertProductGroupOperation(Upserting upserting, ProductGroupStore groups) {
        this.upserting = upserting;
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        String name = Upserting.name(in.name());
        Upserting.Result<ProductGroup> r = upserting.upsert(tx, groups, in.productGroupId(),
                Upserting.lookupKey(in.internalId()), before -> before == null
                        ? new ProductGroup(Ids.newId(), name, Upserting.pick(null, in.internalId()),
                                Upserting.pick(null, in.description()), tx.now(), tx.now())
                        : new ProductGroup(before.productGroupId(), name, Upserting.pick(before.internalId(), in.internalId()),
                                Upserting.pick(before.description(), in.description()), before.createdAt(), tx.now()));
        ProductGroup g = r.item();
        return Outcome.of(Upserting.sentence("Product group", r),
                new Upserted(g.productGroupId(), r.outcome(), r.changedFields(), g));
    }
}
