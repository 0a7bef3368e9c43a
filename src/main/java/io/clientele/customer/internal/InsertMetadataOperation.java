package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.customer.ItemTypes;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.audit.AuditLog;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InsertMetadataOperation implements Operation<InsertMetadataOperation.Input> {
    record Pair(String name, String value) {}

    record Input(String itemType, String itemId, List<Pair> metadata) {}

    record Inserted(String itemType, String itemId, List<MetadataStore.Entry> metadata) {}

    private final ItemTypes items;
    private final MetadataStore store;
    private final Events events;
    private final AuditLog audit;
    private final OperationSpec<Input> spec;

    public InsertMetadataOperation(ItemTypes items, MetadataStore store, Events events, AuditLog audit) {
        this.items = items;
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.spec = OperationSpec.named("InsertMetadata")
                .loggedAs("metadata", "insert")
                .writes()
                .description("""
                        Set metadata (name/value pairs of your own, e.g. affiliate_id = aff_123, customer_tier = vip) on an
                        item. A name already on the item gets the new value (upsert by name); other names are untouched.
                        Names are at most 100 characters, values at most 255. Custom business labels belong here: "group
                        customers by affiliate" usually means metadata name affiliate_id. Emits metadata.inserted for a
                        new name and metadata.updated for a changed value; setting the same value again emits nothing.""")
                .schemas(Input.class,
                        object("InsertMetadata input.")
                                .required("item_type", ItemSchemas.itemType(items, "metadata"))
                                .required("item_id", ItemSchemas.itemId())
                                .required("metadata", array(object("A name/value pair.")
                                        .required("name", nonEmptyString(100, "Metadata name, e.g. affiliate_id."))
                                        .required("value", string(255, "Metadata value."))
                                        .build(), 100, "The pairs to set (1 to 100, names unique).").put("minItems", 1))
                                .build(),
                        object("InsertMetadata output.")
                                .required("item_type", string(40, "The item type."))
                                .required("item_id", ItemSchemas.itemId())
                                .required("metadata", ItemSchemas.metadataEntries("All of the item's metadata after the call."))
                                .build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        var seen = new HashSet<String>();
        List<Problem.Detail> duplicates = new ArrayList<>();
        for (int i = 0; i < input.metadata().size(); i++) {
            if (!seen.add(input.metadata().get(i).name())) {
                duplicates.add(new Problem.Detail("/metadata/" + i + "/name", "name '" + input.metadata().get(i).name()
                        + "' appears twice; send each name once"));
            }
        }
        if (!duplicates.isEmpty()) throw Problem.validation(duplicates);
        String customerId = ItemSchemas.customerOf(items, tx, input.itemType(), input.itemId());
        store.lockItem(tx, input.itemType(), input.itemId());
        int changed = 0;
        for (Pair pair : input.metadata()) {
            Optional<String> before = store.valueOf(tx, input.itemType(), input.itemId(), pair.name());
            if (before.isPresent() && before.get().equals(pair.value())) continue;
            store.upsert(tx, input.itemType(), input.itemId(), customerId, pair.name(), pair.value());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("item_type", input.itemType());
            payload.put("item_id", input.itemId());
            payload.put("customer_id", customerId);
            payload.put("name", pair.name());
            payload.put("value", pair.value());
            payload.put("previous_value", before.orElse(null));
            audit.record(tx, input.itemType(), input.itemId(), "metadata." + (before.isPresent() ? "update" : "insert"),
                    before.map(v -> Map.of(pair.name(), v)).orElse(null), Map.of(pair.name(), pair.value()));
            events.emit(tx, before.isPresent() ? Notation.METADATA_UPDATED : Notation.METADATA_INSERTED,
                    input.itemType(), input.itemId(), customerId, payload);
            changed++;
        }
        String result = changed == 0 ? "Metadata unchanged: the item already had these values." : "Metadata set (" + changed + " changed).";
        return Outcome.of(result, new Inserted(input.itemType(), input.itemId(), store.forItem(tx, input.itemType(), input.itemId())));
    }
}
