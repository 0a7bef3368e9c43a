package io.clientele.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;

/** Operation inputs the suites share, named for what they address: {@code note(jane, "Call back")}. */
public final class Requests {
    private Requests() {}

    /** {@code {"customer_id": …}}: the input of GetCustomer, DeleteCustomer, …; add fields for EditCustomer. */
    public static ObjectNode customer(String customerId) {
        return Json.object().put("customer_id", customerId);
    }

    /** {@code {"item_type":"customer","item_id": …}}: the customer as an item for notes, metadata and audit. */
    public static ObjectNode item(String customerId) {
        return Json.object().put("item_type", "customer").put("item_id", customerId);
    }

    /** InsertMetadata of name/value pairs: {@code setMetadata(jane, "tier", "gold", "source", "ads")}. */
    public static ObjectNode setMetadata(String customerId, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values come in pairs");
        ObjectNode in = item(customerId);
        ArrayNode pairs = in.putArray("metadata");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.addObject().put("name", namesAndValues[i]).put("value", namesAndValues[i + 1]);
        }
        return in;
    }

    /** DeleteMetadata of the given names. */
    public static ObjectNode removeMetadata(String customerId, String... names) {
        ObjectNode in = item(customerId);
        ArrayNode list = in.putArray("names");
        for (String name : names) list.add(name);
        return in;
    }

    /** CreateNote on the customer. */
    public static ObjectNode note(String customerId, String text) {
        return item(customerId).put("text", text);
    }

    /** A JSON array of strings, e.g. tags: {@code customer(jane).set("add_tags", list("VIP"))}. */
    public static ArrayNode list(String... values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (String value : values) array.add(value);
        return array;
    }

    /** GetAuditLog of the customer. */
    public static ObjectNode auditOf(String customerId) {
        return item(customerId);
    }

    /** GetAuditLog of any item, e.g. {@code auditOf("product", paver)}. */
    public static ObjectNode auditOf(String itemType, String itemId) {
        return Json.object().put("item_type", itemType).put("item_id", itemId);
    }

    /** An upsert of a product group, campaign or third-party shop by name alone: creates one. */
    public static ObjectNode named(String name) {
        return Json.object().put("name", name);
    }
}
