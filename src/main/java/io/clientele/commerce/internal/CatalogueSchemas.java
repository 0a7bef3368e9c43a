package io.clientele.commerce.internal;

import io.clientele.operation.Paging;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.money;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.operation.Schemas;
import java.util.List;

/** Schema pieces the catalogue operations share, so a field has one definition and one limit. */
final class CatalogueSchemas {
    private CatalogueSchemas() {}

    static final int NAME = 200;
    static final int SKU = 100;
    static final int INTERNAL_ID = 100;
    static final int DESCRIPTION = 2000;
    static final int URL = 2000;
    static final String CLEAR_HINT = " Left out: stays as it is. An empty string clears it.";
    static final String PRICE = "Price in the tenant's currency, a number from 0 to 99999999999.99 with at most 2 decimals,"
            + " e.g. 19.99. Left out: stays as it is.";

    /** The fields every upsert takes: the item's id, its name and the caller's internal_id. */
    static Schemas.ObjectBuilder upsertInput(String operation, String itemType, String label) {
        return object(operation + " input.")
                .property(itemType + "_id", id("The " + label + " to update. Leave it out to create one, or to update"
                        + " the " + label + " whose internal_id you send."))
                .required("name", nonEmptyString(NAME, "The " + label + "'s name."))
                .property("internal_id", string(INTERNAL_ID, "Your own id for the " + label + " (shop system, ERP)."
                        + " Unique per tenant: without " + itemType + "_id, an upsert that sends a known internal_id"
                        + " updates that " + label + " instead of creating another." + CLEAR_HINT));
    }

    static ObjectNode description(String label) {
        return string(DESCRIPTION, "Free text about the " + label + "." + CLEAR_HINT);
    }

    /** Paging and the internal_id filter every catalogue list takes. */
    static Schemas.ObjectBuilder listInput(String operation, String label) {
        return object(operation + " input.")
                .property("internal_id", string(INTERNAL_ID, "Only the " + label + " with this internal_id."))
                .property("order", enumOf("newest_first (default) or oldest_first, by created_at.",
                        List.of("newest_first", "oldest_first")))
                .property("limit", integer(1, Paging.MAX_LIMIT, "Page size, default " + Paging.DEFAULT_LIMIT + "."))
                .property("cursor", string(200, "next_cursor from the previous page."));
    }

    /** A list answer: one page of items and the next cursor. */
    static ObjectNode listOutput(String operation, String field, ObjectNode item) {
        return object(operation + " output.")
                .required(field, array(item, Paging.MAX_LIMIT, "This page."))
                .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                .build();
    }

    /** An upsert answer: the item's id, what happened, what changed, and the item as it is now. */
    static ObjectNode upsertOutput(String operation, String itemType, ObjectNode item) {
        return object(operation + " output.")
                .required(itemType + "_id", id("The item's id (new when created)."))
                .required("outcome", enumOf("created, updated, or unchanged when the item already had every value sent"
                        + " (nothing is written then).", Upserting.OUTCOMES))
                .required("changed_fields", array(string(40, "A field name."), 20, "The fields an update changed."))
                .required(itemType, item)
                .build();
    }

    static ObjectNode product() {
        return object("A product.")
                .required("product_id", id("The product's id."))
                .required("name", string(NAME, "Name."))
                .required("sku", nullable(string(SKU, "Stock keeping unit.")))
                .required("internal_id", nullable(string(INTERNAL_ID, "Id in your own systems.")))
                .required("price", nullable(money("Price in the tenant's currency.")))
                .required("product_group_id", nullable(id("The product's group.")))
                .required("created_at", timestamp("When it was created (UTC)."))
                .required("updated_at", timestamp("When it last changed (UTC)."))
                .build();
    }

    static ObjectNode productGroup() {
        return object("A product group.")
                .required("product_group_id", id("The group's id."))
                .required("name", string(NAME, "Name."))
                .required("internal_id", nullable(string(INTERNAL_ID, "Id in your own systems.")))
                .required("description", nullable(string(DESCRIPTION, "Description.")))
                .required("created_at", timestamp("When it was created (UTC)."))
                .required("updated_at", timestamp("When it last changed (UTC)."))
                .build();
    }

    static ObjectNode campaign() {
        return object("A campaign.")
                .required("campaign_id", id("The campaign's id."))
                .required("name", string(NAME, "Name."))
                .required("internal_id", nullable(string(INTERNAL_ID, "Id in your own systems.")))
                .required("description", nullable(string(DESCRIPTION, "Description.")))
                .required("created_at", timestamp("When it was created (UTC)."))
                .required("updated_at", timestamp("When it last changed (UTC)."))
                .build();
    }

    static ObjectNode thirdPartyShop() {
        return object("A third-party shop.")
                .required("third_party_shop_id", id("The shop's id."))
                .required("name", string(NAME, "Name."))
                .required("internal_id", nullable(string(INTERNAL_ID, "Id in your own systems.")))
                .required("url", nullable(string(URL, "The shop's web address.")))
                .required("description", nullable(string(DESCRIPTION, "Description.")))
                .required("created_at", timestamp("When it was created (UTC)."))
                .required("updated_at", timestamp("When it last changed (UTC)."))
                .build();
    }
}
