package io.clientele.operation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every registered operation, as the running server publishes it: names, descriptions and schemas
 * follow the rules of DESIGN.md and CONTRACT.md, and {@code GET /v1/ops} and {@code GET /v1/openapi.json}
 * list each one.
 */
class OperationRegistryIT {
    private static final Pattern PASCAL_CASE = Pattern.compile("^[A-Z][A-Za-z0-9]*$");
    private static final Pattern SNAKE_CASE = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final List<String> ENVELOPE = List.of("api_call_id", "api_call_unix", "code", "result");

    private final List<RegisteredOperation> operations = List.copyOf(TestServer.shared().executor().registry().all());
    private final Api api = TestServer.api();

    @Test
    void everyOperationIsNamedAndDescribedForHumansAndAiClients() {
        assertThat(operations).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (RegisteredOperation op : operations) {
            OperationSpec<?> spec = op.spec();
            if (!PASCAL_CASE.matcher(spec.name()).matches()) problems.add(spec.name() + ": name is not PascalCase");
            if (!SNAKE_CASE.matcher(spec.type()).matches()) problems.add(spec.name() + ": type '" + spec.type() + "' is not snake_case");
            if (!SNAKE_CASE.matcher(spec.method()).matches()) problems.add(spec.name() + ": method '" + spec.method() + "' is not snake_case");
            if (spec.description().strip().length() < 60) {
                problems.add(spec.name() + ": description has " + spec.description().strip().length() + " characters, fewer than 60");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyInputSchemaIsDraft202012AndClosedAndBoundedAtEveryLevel() {
        List<String> problems = new ArrayList<>();
        for (RegisteredOperation op : operations) {
            JsonNode schema = op.inputSchema();
            String name = op.spec().name();
            if (!Schemas.DIALECT.equals(schema.path("$schema").asText())) problems.add(name + ": input $schema is not " + Schemas.DIALECT);
            metaSchemaErrors(schema).forEach(e -> problems.add(name + ": input schema is not valid draft 2020-12: " + e));
            REGISTRY.getSchema(schema); // compiles, or throws
            if (!schema.path("type").asText().equals("object")) problems.add(name + ": input is not an object schema");
            inputRuleViolations(schema).forEach(v -> problems.add(name + v));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyOutputSchemaIsTheSuccessEnvelopeAroundTheOperationsFields() {
        List<String> problems = new ArrayList<>();
        for (RegisteredOperation op : operations) {
            JsonNode schema = op.outputSchema();
            String name = op.spec().name();
            metaSchemaErrors(schema).forEach(e -> problems.add(name + ": output schema is not valid draft 2020-12: " + e));
            REGISTRY.getSchema(schema);
            Set<String> required = new HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            for (String field : ENVELOPE) {
                if (!schema.path("properties").has(field)) problems.add(name + ": output lacks envelope field " + field);
                if (!required.contains(field)) problems.add(name + ": output does not require envelope field " + field);
            }
            JsonNode code = schema.at("/properties/code");
            if (code.path("const").asInt(-1) != 1 && (code.path("minimum").asInt(-1) != 1 || code.path("maximum").asInt(-1) != 1)) {
                problems.add(name + ": output code is not fixed at 1");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRuleWalkerFindsAnOpenObjectAndUnboundedValuesNestedInsideArraysAndAnyOf() {
        JsonNode schema = Json.read("""
                {"type":"object","additionalProperties":false,"properties":{
                  "list":{"type":"array","maxItems":3,"items":{"anyOf":[
                    {"type":"object","properties":{"deep":{"type":["string","null"]}}},
                    {"type":"array","items":{"type":"string","maxLength":5}}]}}}}""");
        assertThat(inputRuleViolations(schema)).containsExactlyInAnyOrder(
                " /properties/list/items/anyOf/0: object without additionalProperties: false",
                " /properties/list/items/anyOf/0/properties/deep: string without maxLength",
                " /properties/list/items/anyOf/1: array without maxItems");
    }

    @Test
    void theMetaSchemaCheckRejectsWhatIsNotDraft202012() {
        assertThat(String.join("\n", metaSchemaErrors(Json.read("{\"type\":\"objekt\",\"maxLength\":-1}"))))
                .contains("/type").contains("/maxLength");
        assertThat(metaSchemaErrors(Json.read("{\"type\":\"object\",\"additionalProperties\":false}"))).isEmpty();
    }

    @Test
    void getOpsListsEveryOperationWithItsDescriptionAndSchemas() {
        Api.Response response = api.get("/v1/ops");
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        response.body().path("operations").forEach(op -> listed.put(op.path("name").asText(), op));
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(operations.stream().map(op -> op.spec().name()).toList());
        for (RegisteredOperation op : operations) {
            JsonNode entry = listed.get(op.spec().name());
            assertThat(entry.path("description").asText()).isEqualTo(op.spec().description());
            assertThat(entry.path("type").asText()).isEqualTo(op.spec().type());
            assertThat(entry.path("method").asText()).isEqualTo(op.spec().method());
            assertThat(entry.path("input_schema")).isEqualTo(asServed(op.inputSchema()));
            assertThat(entry.path("output_schema")).isEqualTo(asServed(op.outputSchema()));
        }
    }

    @Test
    void openApiIsA31DocumentWithAPathPerOperation() {
        Api.Response response = api.get("/v1/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.body();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
        assertThat(doc.at("/info/version").asText()).isNotBlank();
        assertThat(doc.path("jsonSchemaDialect").asText()).isEqualTo(Schemas.DIALECT);

        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrderElementsOf(operations.stream().map(op -> "/v1/ops/" + op.spec().name()).toList());
        for (RegisteredOperation op : operations) {
            JsonNode post = doc.path("paths").path("/v1/ops/" + op.spec().name()).path("post");
            assertThat(post.path("operationId").asText()).isEqualTo(op.spec().name());
            assertThat(post.at("/requestBody/content/application~1json/schema")).isEqualTo(asServed(op.inputSchema()));
            assertThat(post.at("/responses/200/content/application~1json/schema")).isEqualTo(asServed(op.outputSchema()));
            assertThat(post.at("/responses/400/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Error");
        }
        List<String> unresolved = new ArrayList<>();
        references(doc, unresolved, doc);
        assertThat(unresolved).as("$refs that point nowhere").isEmpty();
        metaSchemaErrors(doc.at("/components/schemas/Error"))
                .forEach(e -> unresolved.add("Error schema is not valid draft 2020-12: " + e));
        assertThat(unresolved).isEmpty();
    }

    /** The tree as a client reads it back (a long 0 and an int 0 are different nodes, the same JSON). */
    private static JsonNode asServed(JsonNode node) {
        return Json.read(node.toString());
    }

    // ------------------------------------------------------------------ schema rules

    /** The JSON Schema keywords whose values are schemas, and those whose values are lists or maps of schemas. */
    private static final List<String> SCHEMA_KEYWORDS = List.of("items", "additionalProperties", "not", "if", "then", "else",
            "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties");
    private static final List<String> SCHEMA_LIST_KEYWORDS = List.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final List<String> SCHEMA_MAP_KEYWORDS = List.of("properties", "patternProperties", "$defs", "dependentSchemas");

    /**
     * Each violation as " <pointer>: <rule>": an object without {@code additionalProperties: false}, a string
     * without {@code maxLength}, an array without {@code maxItems}, a property name that is not snake_case,
     * or a required field that is not a property, at any depth.
     */
    static List<String> inputRuleViolations(JsonNode schema) {
        List<String> out = new ArrayList<>();
        walk(schema, "", out);
        return out;
    }

    private static void walk(JsonNode schema, String at, List<String> out) {
        if (!schema.isObject()) return;
        Set<String> types = types(schema);
        if (types.contains("object")) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                out.add(" " + at + ": object without additionalProperties: false");
            }
            schema.path("properties").fieldNames().forEachRemaining(name -> {
                if (!SNAKE_CASE.matcher(name).matches()) out.add(" " + at + "/properties/" + name + ": field name is not snake_case");
            });
            schema.path("required").forEach(r -> {
                if (!schema.path("properties").has(r.asText())) out.add(" " + at + ": requires '" + r.asText() + "', which is not a property");
            });
        }
        if (types.contains("string") && !schema.path("maxLength").isIntegralNumber()) out.add(" " + at + ": string without maxLength");
        if (types.contains("array") && !schema.path("maxItems").isIntegralNumber()) out.add(" " + at + ": array without maxItems");
        for (String keyword : SCHEMA_KEYWORDS) {
            if (schema.has(keyword)) walk(schema.get(keyword), at + "/" + keyword, out);
        }
        for (String keyword : SCHEMA_LIST_KEYWORDS) {
            for (int i = 0; i < schema.path(keyword).size(); i++) walk(schema.get(keyword).get(i), at + "/" + keyword + "/" + i, out);
        }
        for (String keyword : SCHEMA_MAP_KEYWORDS) {
            schema.path(keyword).properties().forEach(f -> walk(f.getValue(), at + "/" + keyword + "/" + f.getKey(), out));
        }
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> out = new HashSet<>();
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties")) out.add("object");
            if (schema.has("items") || schema.has("prefixItems")) out.add("array");
            if (schema.has("maxLength") || schema.has("pattern")) out.add("string");
        } else if (type.isArray()) {
            type.forEach(t -> out.add(t.asText()));
        } else {
            out.add(type.asText());
        }
        return out;
    }

    private static List<String> metaSchemaErrors(JsonNode schema) {
        return REGISTRY.getSchema(SchemaLocation.of(Schemas.DIALECT)).validate(schema).stream().map(Object::toString).toList();
    }

    private static void references(JsonNode node, List<String> unresolved, JsonNode doc) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode())) {
                unresolved.add(ref.asText());
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) references(it.next(), unresolved, doc);
        } else if (node.isArray()) {
            node.forEach(child -> references(child, unresolved, doc));
        }
    }
}
