package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.customer.ItemTypes;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetMetadataOperation implements Operation<GetMetadataOperation.Input> {
    record Input(String itemType, String itemId) {}

    record Found(String itemType, String itemId, List<MetadataStore.Entry> metadata) {}

    private final ItemTypes items;
    private final MetadataStore store;
    private final OperationSpec<Input> spec;

    public GetMetadataOperation(ItemTypes items, MetadataStore store) {
        this.items = items;
        this.store = store;
        this.spec = OperationSpec.named("GetMetadata")
                .loggedAs("metadata", "get")
                .reads()
                .description("Read all metadata (name/value pairs) of an item, ordered by name.")
                .schemas(Input.class,
                        object("GetMetadata input.")
                                .required("item_type", ItemSchemas.itemType(items, "metadata"))
                                .required("item_id", ItemSchemas.itemId())
                                .build(),
                        object("GetMetadata output.")
                                .required("item_type", string(40, "The item type."))
                                .required("item_id", ItemSchemas.itemId())
                                .required("metadata", ItemSchemas.metadataEntries("The item's metadata."))
                                .build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        ItemSchemas.customerOf(items, tx, input.itemType(), input.itemId());
        List<MetadataStore.Entry> entries = store.forItem(tx, input.itemType(), input.itemId());
        return Outcome.of(entries.size() + " metadata entr" + (entries.size() == 1 ? "y." : "ies."),
                new Found(input.itemType(), input.itemId(), entries));
    }
}
