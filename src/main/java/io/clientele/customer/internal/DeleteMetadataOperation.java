package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.audit.AuditLog;
import io.clientele.customer.ItemTypes;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class DeleteMetadataOperation implements Operation<DeleteMetadataOperation.Input> {
    record Input(String itemType, String itemId, List<String> names) {}

    record Deleted(String itemType, String itemId, List<String> deleted) {}

    private final ItemTypes items;
    private final MetadataStore store;
    private final Events events;
    private final AuditLog audit;
    private final OperationSpec<Input> spec;

    public DeleteMetadataOperation(ItemTypes items, MetadataStore store, Events events, AuditLog audit) {
        this.items = items;
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.spec = OperationSpec.named("DeleteMetadata")
                .loggedAs("metadata", "delete")
                .destroys()
                .description("""
                        Remove metadata names from an item. Names the item does not have are reported in a warning and
                        otherwise ignored. Emits metadata.deleted per removed name.""")
                .schemas(Input.class,
                        object("DeleteMetadata input.")
                                .required("item_type", ItemSchemas.itemType(items, "metadata"))
                                .required("item_id", ItemSchemas.itemId())
                                .required("names", array(nonEmptyString(100, "A metadata name."), 100,
                                        "The names to remove (1 to 100).").put("minItems", 1))
                                .build(),
                        object("DeleteMetadata output.")
                                .required("item_type", string(40, "The item type."))
                                .required("item_id", ItemSchemas.itemId())
                                .required("deleted", array(string(100, "A removed name."), 100, "The names removed."))
                                .build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        String customerId = ItemSchemas.customerOf(items, tx, input.itemType(), input.itemId());
        store.lockItem(tx, input.itemType(), input.itemId());
        List<String> deleted = new ArrayList<>();
        List<Outcome.Warning> warnings = new ArrayList<>();
        for (int i = 0; i < input.names().size(); i++) {
            String name = input.names().get(i);
            Optional<String> before = store.valueOf(tx, input.itemType(), input.itemId(), name);
            if (before.isEmpty()) {
                if (!deleted.contains(name)) {
                    warnings.add(new Outcome.Warning("/names/" + i, "the item has no metadata named '" + name + "'; nothing removed"));
                }
                continue;
            }
            store.delete(tx, input.itemType(), input.itemId(), name);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("item_type", input.itemType());
            payload.put("item_id", input.itemId());
            payload.put("customer_id", customerId);
            payload.put("name", name);
            payload.put("previous_value", before.get());
            audit.record(tx, input.itemType(), input.itemId(), "metadata.delete", Map.of(name, before.get()), null);
            events.emit(tx, Notation.METADATA_DELETED, input.itemType(), input.itemId(), customerId, payload);
            deleted.add(name);
        }
        return new Outcome(deleted.size() + " metadata name(s) removed.",
                new Deleted(input.itemType(), input.itemId(), deleted), warnings);
    }
}
