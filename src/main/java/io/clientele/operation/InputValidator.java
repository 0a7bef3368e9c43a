package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.clientele.platform.Money;
import io.clientele.platform.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Validates a request against an operation's input schema with the networknt validator (draft 2020-12)
 * and turns every violation into a detail with its JSON pointer and a message that says how to fix it.
 */
final class InputValidator {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_POINTER)
                    .formatAssertionsEnabled(true)
                    .build()));

    private final Schema schema;
    private final JsonNode schemaNode;

    InputValidator(JsonNode schemaNode) {
        this.schemaNode = schemaNode;
        this.schema = REGISTRY.getSchema(schemaNode);
    }

    List<Problem.Detail> validate(JsonNode input) {
        List<Problem.Detail> unusable = new ArrayList<>();
        findUnusable(input, "", unusable);
        // The schema validator itself fails on non-finite numbers, so these are answered first.
        if (!unusable.isEmpty()) return unusable;
        List<Error> errors = schema.validate(input);
        List<Problem.Detail> details = new ArrayList<>(errors.size());
        for (Error error : errors) {
            details.add(detail(error));
        }
        details.sort(Comparator.comparing(Problem.Detail::path));
        return details.stream().distinct().toList();
    }

    /**
     * Values JSON can carry that no schema keyword rules out and PostgreSQL cannot store: NUL and
     * unpaired surrogates in text (the database fails on the first, the driver stores '?' for the
     * second), and numbers beyond a double (Jackson reads {@code 1e400} as infinity).
     */
    private static void findUnusable(JsonNode node, String at, List<Problem.Detail> out) {
        if (node.isTextual()) {
            String problem = unstorable(node.textValue());
            if (problem != null) out.add(new Problem.Detail(at, problem));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            out.add(new Problem.Detail(at, "is a number beyond what can be stored (about ±1.8e308); send a value in range"));
        } else if (node.isObject()) {
            node.properties().forEach(e -> findUnusable(e.getValue(), at + "/" + escape(e.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) findUnusable(node.get(i), at + "/" + i, out);
        }
    }

    private static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return "must not contain the NUL character (\\u0000); remove it";
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text: it holds an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    private Problem.Detail detail(Error error) {
        String at = pointer(error);
        String keyword = Objects.requireNonNullElse(error.getKeyword(), "");
        JsonNode rule = error.getSchemaNode();
        return switch (keyword) {
            case "additionalProperties" -> new Problem.Detail(at + "/" + escape(error.getProperty()),
                    "unknown field '" + error.getProperty() + "'; allowed here: " + allowedFields(error));
            case "required" -> new Problem.Detail(at + "/" + escape(error.getProperty()), "is required");
            case "type" -> new Problem.Detail(at, "must be " + article(rule) + " (got " + jsonType(error.getInstanceNode()) + ")");
            case "maxLength" -> new Problem.Detail(at, "must be at most " + rule.asInt() + " characters");
            case "minLength" -> new Problem.Detail(at, rule.asInt() == 1 ? "must not be empty" : "must be at least " + rule.asInt() + " characters");
            case "maxItems" -> new Problem.Detail(at, "must have at most " + rule.asInt() + " items");
            case "minimum" -> new Problem.Detail(at, "must be at least " + rule.asText());
            case "maximum" -> new Problem.Detail(at, "must be at most " + rule.asText());
            case "multipleOf" -> new Problem.Detail(at, rule.decimalValue().compareTo(Money.CENT) == 0
                    ? "must have at most 2 decimal places, e.g. 19.99"
                    : "must be a multiple of " + rule.asText());
            case "enum" -> new Problem.Detail(at, "must be one of: " + join(rule));
            case "pattern" -> new Problem.Detail(at, rule.asText().equals(io.clientele.platform.Ids.PATTERN)
                    || rule.asText().equals("^([0-9A-Za-z]{20})?$")
                    ? "must be a 20-character id of letters and digits"
                    : "must match the pattern " + rule.asText());
            case "format" -> new Problem.Detail(at, "must be a valid " + rule.asText()
                    + (rule.asText().equals("date-time") ? " in ISO-8601, e.g. 2026-01-31T12:00:00Z" : ""));
            case "minProperties" -> new Problem.Detail(at, "must set at least " + rule.asInt() + " field(s)");
            default -> new Problem.Detail(at, stripLocation(error.getMessage()));
        };
    }

    private static String pointer(Error error) {
        String path = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        return path.equals("/") ? "" : path;
    }

    private String allowedFields(Error error) {
        JsonNode owner = ownerSchema(error);
        if (owner == null || !owner.has("properties") || owner.get("properties").isEmpty()) return "(none)";
        List<String> names = new ArrayList<>();
        owner.get("properties").fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private JsonNode ownerSchema(Error error) {
        String fragment = error.getSchemaLocation().getFragment().toString();
        // fragment like "/properties/address/additionalProperties" -> walk to the parent object schema
        String parent = fragment.endsWith("/additionalProperties")
                ? fragment.substring(0, fragment.length() - "/additionalProperties".length())
                : fragment;
        JsonNode node = parent.isEmpty() || parent.equals("#") ? schemaNode : schemaNode.at(parent.replaceFirst("^#", ""));
        return node.isMissingNode() ? null : node;
    }

    private static String escape(String name) {
        return name == null ? "" : name.replace("~", "~0").replace("/", "~1");
    }

    private static String article(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return String.join(" or ", names.stream().map(InputValidator::withArticle).toList());
        }
        return withArticle(type.asText());
    }

    private static String withArticle(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static String jsonType(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) return "a string";
        if (node.isBoolean()) return "a boolean";
        if (node.isIntegralNumber()) return "an integer";
        return "a number";
    }

    private static String join(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.isNull() ? "null" : v.asText()));
        return String.join(", ", out);
    }

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }
}
