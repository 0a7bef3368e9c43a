package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.platform.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JSON Schemas (draft 2020-12) operations declare. Every object closes itself with
 * {@code additionalProperties: false} and every string (an enum too) carries a {@code maxLength}, by
 * construction; {@code OperationRegistryIT} walks every registered schema to keep it that way.
 */
public final class Schemas {
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private Schemas() {}

    public static ObjectNode string(int maxLength, String description) {
        ObjectNode s = Json.object().put("type", "string").put("maxLength", maxLength);
        return describe(s, description);
    }

    public static ObjectNode nonEmptyString(int maxLength, String description) {
        return string(maxLength, description).put("minLength", 1);
    }

    public static ObjectNode id(String description) {
        return string(Ids.LENGTH, description).put("minLength", Ids.LENGTH).put("pattern", Ids.PATTERN);
    }

    public static ObjectNode timestamp(String description) {
        return string(40, description).put("format", "date-time");
    }

    public static ObjectNode enumOf(String description, List<String> values) {
        int longest = values.stream().mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(0);
        ObjectNode s = Json.object().put("type", "string").put("maxLength", longest);
        ArrayNode e = s.putArray("enum");
        values.forEach(e::add);
        return describe(s, description);
    }

    public static ObjectNode integer(long min, long max, String description) {
        return describe(Json.object().put("type", "integer").put("minimum", min).put("maximum", max), description);
    }

    public static ObjectNode number(String description) {
        return describe(Json.object().put("type", "number"), description);
    }

    /**
     * An amount of money in the tenant's currency: a JSON number from 0 to {@link Money#MAX} with at most
     * two decimals. Handlers still pass it through {@link Money#check}.
     */
    public static ObjectNode money(String description) {
        ObjectNode s = Json.object().put("type", "number").put("minimum", 0).put("maximum", Money.MAX)
                .put("multipleOf", Money.CENT);
        return describe(s, description);
    }

    public static ObjectNode bool(String description) {
        return describe(Json.object().put("type", "boolean"), description);
    }

    public static ObjectNode array(ObjectNode items, int maxItems, String description) {
        ObjectNode s = Json.object().put("type", "array").put("maxItems", maxItems);
        s.set("items", items);
        return describe(s, description);
    }

    /** The same schema, also admitting {@code null} (for fields that can be cleared). */
    public static ObjectNode nullable(ObjectNode schema) {
        ObjectNode s = schema.deepCopy();
        String type = s.path("type").asText();
        ArrayNode types = s.putArray("type");
        types.add(type).add("null");
        if (s.has("enum")) ((ArrayNode) s.get("enum")).addNull();
        return s;
    }

    /**
     * Any JSON object: for outputs that echo stored documents (audit before/after, event payloads).
     * Never for inputs, which are closed at every level.
     */
    public static ObjectNode freeFormObject(String description) {
        return describe(Json.object().put("type", "object"), description);
    }

    public static ObjectBuilder object(String description) {
        return new ObjectBuilder(description);
    }

    private static ObjectNode describe(ObjectNode schema, String description) {
        if (description != null) schema.put("description", description);
        return schema;
    }

    /** A closed object: only the declared properties are allowed. */
    public static final class ObjectBuilder {
        private final ObjectNode node = Json.object().put("type", "object");
        private final ObjectNode properties = Json.object();
        private final List<String> required = new ArrayList<>();

        private ObjectBuilder(String description) {
            describe(node, description);
        }

        public ObjectBuilder property(String name, ObjectNode schema) {
            properties.set(name, schema);
            return this;
        }

        public ObjectBuilder required(String name, ObjectNode schema) {
            required.add(name);
            return property(name, schema);
        }



        public ObjectNode build() {
            ObjectNode out = node.deepCopy();
            out.set("properties", properties.deepCopy());
            if (!required.isEmpty()) {
                ArrayNode r = out.putArray("required");
                required.forEach(r::add);
            }
            out.put("additionalProperties", false);
            return out;
        }

    }
}
