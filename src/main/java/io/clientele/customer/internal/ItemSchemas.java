package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.ItemTypes;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;

/** The item_type + item_id pair notes, metadata and audit entries address their item by. */
final class ItemSchemas {
    private ItemSchemas() {}

    static ObjectNode itemType(ItemTypes types, String what) {
        return enumOf("The kind of item the " + what + " belongs to: " + String.join(", ", types.names()) + ".", types.names());
    }

    static ObjectNode itemId() {
        return id("The item's 20-character id (for item_type customer, the customer_id).");
    }

    /** A list of metadata entries, as every metadata-returning operation answers it. */
    static ObjectNode metadataEntries(String description) {
        return array(object("A metadata entry.")
                .required("name", string(100, "Name."))
                .required("value", string(255, "Value."))
                .required("updated_at", timestamp("When it was last set."))
                .build(), 10_000, description);
    }

    /** The item's customer, or not_found (an item of another tenant is indistinguishable from none). */
    static String customerOf(ItemTypes types, Tx tx, String itemType, String itemId) {
        return types.customerOf(tx, itemType, itemId).orElseThrow(() -> Problem.notFound(itemType, itemId, "/item_id"));
    }

    static ObjectNode note() {
        return object("A note.")
                .required("note_id", id("Note id."))
                .required("item_type", string(40, "Item type."))
                .required("item_id", id("Item id."))
                .required("customer_id", nullable(id("The item's customer.")))
                .required("text", string(10_000, "The note."))
                .required("author_kind", string(40, "Who wrote it."))
                .required("author_name", nullable(string(200, "Author name.")))
                .required("created_at", timestamp("When it was written."))
                .build();
    }
}
