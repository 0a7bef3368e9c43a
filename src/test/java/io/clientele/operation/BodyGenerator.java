package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clientele.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Request bodies for one input schema: valid ones (with field-aware values, so they reach the handler),
 * mutated ones (one to three mutations at random places of a valid body), and garbage bytes. Every
 * choice comes from the one seeded {@link Random}, so a seed always yields the same bodies.
 */
final class BodyGenerator {
    /**
     * Ids and names the bodies refer to: the fuzzed tenant's customers, another tenant's, metadata names, and
     * both tenants' other items by id field ({@code product_id}, {@code campaign_id}, ...).
     */
    record Pools(List<String> ownIds, List<String> otherTenantIds, List<String> metadataNames,
                 Map<String, List<String>> ownItems, Map<String, List<String>> otherTenantItems) {}

    /** A body and what made it; a null content type means {@code application/json}. */
    record Body(String kind, byte[] bytes, String contentType) {
        static Body json(String kind, String text) {
            return new Body(kind, text.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** An id that may be sent empty to clear a reference (EditCustomer campaign_id, UpsertProduct product_group_id). */
    private static final String OPTIONAL_ID = "^([0-9A-Za-z]{20})?$";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final List<String> WORDS = List.of("alpha", "Zoë", "José", "Ñandú", "O'Brien", "王小明", "Müller",
            "wholesale", "VIP", "late payer", "newsletter", "Øresund", "naïve café", "Ελένη", "Дмитрий", "😀 happy");
    private static final List<String> COUNTRIES = List.of("US", "GB", "DE", "FR", "NL", "JP", "us", "BR");
    private static final List<String> PHONES = List.of("+1 415 555 0132", "(415) 555-0199", "+44 20 7946 0958",
            "030 901820", "+81 3-1234-5678", "12345", "not a phone");
    private static final List<String> WEIRD_STRINGS = List.of("\u0000", "a\u0000b", "😀😀😀😀😀", "\uD800", "x\uDC00y",
            "\u202Eevil", "\u200B", "\uFEFFbom", "e\u0301", "ﬁ", "İı", "ß", "\r\n\t", "\\", "\"", "'", "%s%n%x",
            "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>", "NULL", "null", "undefined", "true", "0", "-1",
            "1e400", " ", "  padded  ", "\u00A0", "日本語テキスト", "🏳️‍🌈", "\u0007", "\u001B[31mred", "\\u0000",
            "'; DROP TABLE customer; --", "' OR '1'='1", "../../../../etc/passwd", "\uFFFF", "\uFFFE", "\uDBFF\uDFFF",
            "👩‍👩‍👧‍👦".repeat(20), "a".repeat(300), "{}", "[]", "\u0085", "\u2028\u2029");
    private static final List<String> TIMESTAMPS = List.of("0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:60Z", "2016-12-31T23:59:60Z",
            "2024-02-30T00:00:00Z", "2024-01-01T00:00:00+14:00", "2024-01-01T00:00:00-23:59", "2024-01-01t00:00:00z",
            "2024-01-01 00:00:00Z", "2024-01-01T00:00:00", "2024-01-01", "-292275055-05-16T16:47:04.192Z",
            "+292278994-08-17T07:12:55.807Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "1970-01-01T00:00:00.Z",
            "2024-01-01T00:00:00.1234567890123Z", "4713-01-01T00:00:00Z", "294276-12-31T23:59:59Z");
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e-400", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "2147483647", "2147483648", "-2147483649", "0", "-0", "-1", "0.5", "1.0", "1e2", "1E+2", "-0.0",
            "12345678901234567890123456789012345678901234567890", "4.9e-324", "1.7976931348623157e308",
            "1" + "0".repeat(99), "1" + "0".repeat(150), "0." + "0".repeat(120) + "1");
    private static final List<String> FIELD_NAMES = List.of("unknown", "__proto__", "constructor", "$ref", "",
            "customer_id ", "CUSTOMER_ID", "a/b~c", "naïve", "😀", "\u0000", "tenant_id", "api_call_id", "id",
            "x".repeat(300), "additionalProperties", "prototype", "deleted_at");

    private final Random random;
    private final Pools pools;
    private int duplicates;

    BodyGenerator(Random random, Pools pools) {
        this.random = random;
        this.pools = pools;
    }

    // ---------------------------------------------------------------- valid

    /** A body the schema accepts (almost always: some values, like a bad phone or country, only look valid). */
    JsonNode valid(JsonNode schema) {
        return valid(schema, "");
    }

    private JsonNode valid(JsonNode schema, String field) {
        if (schema == null || schema.isMissingNode()) return TextNode.valueOf(word());
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) return valid(pick(schema.get(combinator)), field);
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(v -> { if (!v.isNull()) values.add(v); });
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> validObject(schema);
            case "array" -> validArray(schema, field);
            case "string" -> TextNode.valueOf(validString(schema, field));
            case "integer" -> validInteger(schema, field);
            // Amounts of refunds, chargebacks and disputes must fit the sale: mostly small, so valid bodies pass.
            case "number" -> DoubleNode.valueOf(Math.round(random.nextDouble() * (field.equals("amount") && random.nextInt(4) > 0
                    ? 500 : 100_000)) / 100.0);
            // Real merges soft-delete the pool's customers; most merge probes are dry runs so the pool lasts the run.
            case "boolean" -> BooleanNode.valueOf(field.equals("dry_run") ? random.nextInt(10) > 0 : random.nextBoolean());
            default -> NullNode.getInstance();
        };
    }

    private ObjectNode validObject(JsonNode schema) {
        ObjectNode out = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (schema.has("maxProperties") && required.isEmpty()) {
            // "exactly one of" objects (an import record's kind): that many properties, picked at random.
            List<String> names = new ArrayList<>();
            schema.path("properties").fieldNames().forEachRemaining(names::add);
            java.util.Collections.shuffle(names, random);
            int min = schema.path("minProperties").asInt(0);
            int n = min + random.nextInt(Math.min(schema.get("maxProperties").asInt(), names.size()) - min + 1);
            for (String name : names.subList(0, n)) out.set(name, valid(schema.path("properties").get(name), name));
            return out;
        }
        schema.path("properties").properties().forEach(p -> {
            String name = p.getKey();
            if (name.equals("cursor")) return; // only cursors the server issued are valid
            if (required.contains(name) || random.nextInt(3) == 0) out.set(name, valid(p.getValue(), name));
        });
        return out;
    }

    private ArrayNode validArray(JsonNode schema, String field) {
        ArrayNode out = NODES.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = Math.min(schema.path("maxItems").asInt(4), Math.max(min, 4));
        int n = min + random.nextInt(max - min + 1);
        String itemField = field.equals("names") ? "name" : field;
        for (int i = 0; i < n; i++) out.add(valid(schema.get("items"), itemField));
        return out;
    }

    private String validString(JsonNode schema, String field) {
        String value;
        if (Ids.PATTERN.equals(schema.path("pattern").asText())) {
            value = field.equals("customer_id") || field.endsWith("_customer_id") || field.equals("item_id") ? itemId() : otherItemId(field);
        } else if (OPTIONAL_ID.equals(schema.path("pattern").asText())) {
            value = random.nextInt(5) == 0 ? "" : otherItemId(field);
        } else if (schema.path("format").asText().equals("date-time")) {
            value = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextLong(400_000_000L)).toString();
        } else {
            value = switch (field) {
                case "email" -> "fuzz" + random.nextInt(10_000) + "@example.com";
                case "phone" -> pick(PHONES);
                case "country" -> pick(COUNTRIES);
                case "name" -> random.nextInt(5) == 0 ? word() : pick(pools.metadataNames());
                case "tags", "add_tags", "remove_tags", "tag" -> pick(List.of("VIP", "wholesale", "newsletter", "late-payer"));
                case "text" -> "Customer asked about " + word() + " on " + word() + ".";
                default -> word();
            };
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (value.codePointCount(0, value.length()) > max) value = value.substring(0, value.offsetByCodePoints(0, max));
        int min = schema.path("minLength").asInt(0);
        while (value.codePointCount(0, value.length()) < min) value = value + "x";
        return value;
    }

    private JsonNode validInteger(JsonNode schema, String field) {
        long min = schema.path("minimum").asLong(Long.MIN_VALUE);
        long max = schema.path("maximum").asLong(Long.MAX_VALUE);
        if (field.startsWith("after_")) return LongNode.valueOf(random.nextInt(10) == 0 ? max : random.nextInt(50));
        long span = Math.min(max - min, 1_000);
        return LongNode.valueOf(min + random.nextLong(span + 1));
    }

    private String itemId() {
        int roll = random.nextInt(20);
        if (roll < 15) return pick(pools.ownIds());
        if (roll < 18) return pick(pools.otherTenantIds());
        return randomId();
    }

    /** An id for a field that names another kind of item: mostly the fuzzed tenant's, some the neighbour's. */
    private String otherItemId(String field) {
        List<String> own = pools.ownItems().getOrDefault(field, List.of());
        if (own.isEmpty()) return randomId();
        int roll = random.nextInt(20);
        if (roll < 15) return pick(own);
        if (roll < 18) return pick(pools.otherTenantItems().getOrDefault(field, own));
        return randomId();
    }

    // ---------------------------------------------------------------- mutated

    /** A place in a body, with the schema that describes it (null where the schema says nothing). */
    private record Site(JsonNode parent, String field, int index, JsonNode value, JsonNode schema) {}

    /** A valid body with one to three mutations; the kind names them. */
    Body mutated(JsonNode schema) {
        JsonNode root = valid(schema);
        int count = 1 + random.nextInt(3);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Site> sites = new ArrayList<>();
            collect(root, schema, null, null, -1, sites);
            Site site = pick(sites);
            Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
            JsonNode replacement = mutate(m, site);
            applied.add(m.name().toLowerCase() + "@" + describe(site));
            if (replacement == null) continue; // mutated in place
            if (site.parent() == null) root = replacement;
            else if (site.parent() instanceof ObjectNode o) o.set(site.field(), replacement);
            else ((ArrayNode) site.parent()).set(site.index(), replacement);
        }
        return Body.json("mutated " + String.join(", ", applied), JsonText.write(root));
    }

    enum Mutation {
        WRONG_TYPE, NULL, HUGE_STRING, UNKNOWN_FIELD, DEEP_NESTING, HUGE_NUMBER, INVALID_ENUM, INVALID_ID,
        WEIRD_STRING, DUPLICATE_KEY, EMPTY, ARRAY_FOR_OBJECT, OBJECT_FOR_ARRAY, REMOVE_FIELD, TOO_MANY_ITEMS,
        EDGE_TIMESTAMP, FORGED_CURSOR
    }

    private JsonNode mutate(Mutation m, Site site) {
        JsonNode value = site.value();
        JsonNode schema = site.schema() == null ? NODES.objectNode() : site.schema();
        return switch (m) {
            case WRONG_TYPE -> otherType(value);
            case NULL -> NullNode.getInstance();
            case HUGE_STRING -> TextNode.valueOf(hugeString(schema.path("maxLength").asInt(100)));
            case UNKNOWN_FIELD -> {
                ObjectNode target = anyObject(value);
                if (target == null) yield NODES.objectNode().set(pick(FIELD_NAMES), anyValue());
                target.set(pick(FIELD_NAMES) + (random.nextBoolean() ? "" : "_" + random.nextInt(100)), anyValue());
                yield null;
            }
            case DEEP_NESTING -> JsonText.raw(deep(pick(List.of(10, 40, 62, 63, 64, 65, 100, 1000, 5000))));
            case HUGE_NUMBER -> JsonText.raw(pick(NUMBERS));
            case INVALID_ENUM -> TextNode.valueOf(invalidEnum(schema, value));
            case INVALID_ID -> TextNode.valueOf(invalidId());
            case WEIRD_STRING -> TextNode.valueOf(weird());
            case DUPLICATE_KEY -> {
                ObjectNode target = anyObject(value);
                if (target == null || target.isEmpty()) yield NODES.objectNode();
                List<String> names = new ArrayList<>();
                target.fieldNames().forEachRemaining(names::add);
                JsonText.putDuplicate(target, pick(names), random.nextBoolean() ? anyValue() : otherType(NullNode.getInstance()), duplicates++);
                yield null;
            }
            case EMPTY -> pick(List.of(NODES.objectNode(), NODES.arrayNode(), TextNode.valueOf("")));
            case ARRAY_FOR_OBJECT -> NODES.arrayNode().add(value.deepCopy());
            case OBJECT_FOR_ARRAY -> value.isArray() && !value.isEmpty()
                    ? NODES.objectNode().set("0", value.get(0).deepCopy())
                    : NODES.objectNode().set("value", value.deepCopy());
            case REMOVE_FIELD -> {
                ObjectNode target = anyObject(value);
                if (target == null || target.isEmpty()) yield NODES.objectNode();
                List<String> names = new ArrayList<>();
                target.fieldNames().forEachRemaining(names::add);
                target.remove(pick(names));
                yield null;
            }
            case TOO_MANY_ITEMS -> {
                int n = schema.path("maxItems").asInt(100) + 1 + (random.nextInt(4) == 0 ? 5_000 : 0);
                ArrayNode many = NODES.arrayNode();
                JsonNode item = value.isArray() && !value.isEmpty() ? value.get(0) : value;
                if (JsonText.write(item).length() > 200) item = TextNode.valueOf("x"); // keep the body in the megabytes
                for (int i = 0; i < n; i++) many.add(item.deepCopy());
                yield many;
            }
            case EDGE_TIMESTAMP -> TextNode.valueOf(pick(TIMESTAMPS));
            case FORGED_CURSOR -> TextNode.valueOf(forgedCursor());
        };
    }

    private void collect(JsonNode value, JsonNode schema, JsonNode parent, String field, int index, List<Site> out) {
        out.add(new Site(parent, field, index, value, schema));
        if (value.isObject()) {
            JsonNode props = schema == null ? null : schema.get("properties");
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(value.get(name), props == null ? null : props.get(name), value, name, -1, out);
            }
        } else if (value.isArray()) {
            JsonNode items = schema == null ? null : schema.get("items");
            for (int i = 0; i < value.size(); i++) collect(value.get(i), items, value, null, i, out);
        }
    }

    private static String describe(Site site) {
        if (site.parent() == null) return "/";
        return site.field() != null ? "/" + site.field() : "/" + site.index();
    }

    private ObjectNode anyObject(JsonNode value) {
        List<ObjectNode> objects = new ArrayList<>();
        gatherObjects(value, objects);
        return objects.isEmpty() ? null : pick(objects);
    }

    private static void gatherObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) out.add(o);
        if (node.isContainerNode()) node.forEach(child -> gatherObjects(child, out));
    }

    private JsonNode otherType(JsonNode current) {
        List<JsonNode> candidates = new ArrayList<>(List.of(IntNode.valueOf(42), LongNode.valueOf(-1), DoubleNode.valueOf(3.5),
                BooleanNode.TRUE, BooleanNode.FALSE, TextNode.valueOf("42"), TextNode.valueOf("true"), NODES.arrayNode(),
                NODES.arrayNode().add("a"), NODES.objectNode(), NODES.objectNode().put("a", 1), NullNode.getInstance(),
                DoubleNode.valueOf(1.0)));
        candidates.removeIf(c -> c.getNodeType() == current.getNodeType());
        return pick(candidates);
    }

    private JsonNode anyValue() {
        return switch (random.nextInt(5)) {
            case 0 -> TextNode.valueOf(weird());
            case 1 -> JsonText.raw(pick(NUMBERS));
            case 2 -> NODES.objectNode().put("nested", word());
            case 3 -> NODES.arrayNode().add(word()).add(7);
            default -> otherType(NullNode.getInstance());
        };
    }

    private String hugeString(int maxLength) {
        int roll = random.nextInt(100);
        int length = roll < 40 ? maxLength + 1 : roll < 70 ? maxLength * 2 + 7 : roll < 88 ? 10_000 : roll < 97 ? 100_000 : 600_000;
        String unit = pick(List.of("a", "é", "😀", "\u0000", " "));
        StringBuilder out = new StringBuilder(length * unit.length());
        for (int i = 0; i < length; i++) out.append(unit);
        return out.toString();
    }

    private static String deep(int depth) {
        StringBuilder out = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) out.append(i % 2 == 0 ? "[" : "{\"a\":");
        for (int i = depth - 1; i >= 0; i--) out.append(i % 2 == 0 ? "]" : "}");
        return out.toString();
    }

    private String invalidEnum(JsonNode schema, JsonNode value) {
        String base = schema.has("enum") && !schema.get("enum").isEmpty() ? pick(schema.get("enum")).asText() : value.asText("x");
        return switch (random.nextInt(6)) {
            case 0 -> base.toUpperCase();
            case 1 -> " " + base;
            case 2 -> base + "\u0000";
            case 3 -> "";
            case 4 -> base.replace('e', 'е'); // Cyrillic е
            default -> word();
        };
    }

    private String invalidId() {
        String own = pick(pools.ownIds());
        return switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> own.substring(1);
            case 2 -> own + "x";
            case 3 -> own.substring(0, 19) + "-";
            case 4 -> own.substring(0, 19) + "é";
            case 5 -> own.substring(0, 19) + "\u0000";
            case 6 -> "' OR '1'='1' --     ";
            case 7 -> "../../../etc/passwd0";
            case 8 -> "00000000000000000000";
            case 9 -> own.toLowerCase();
            case 10 -> " " + own;
            case 11 -> "😀".repeat(10);
            case 12 -> pick(pools.otherTenantIds());
            default -> randomId();
        };
    }

    private String weird() {
        String s = pick(WEIRD_STRINGS);
        return random.nextBoolean() ? s : word() + s + word();
    }

    /** Cursors in the two shapes operations issue, at the edges of what Instant and PostgreSQL can hold. */
    private String forgedCursor() {
        String id = pick(pools.ownIds());
        long[] seconds = {Long.MAX_VALUE, Long.MIN_VALUE, 31556889864403199L, -31557014167219200L, 253402300800L,
                -62135596801L, 9_999_999_999_999L, -9_999_999_999_999L, 0};
        long second = seconds[random.nextInt(seconds.length)];
        if (random.nextBoolean()) {
            long nano = pick(List.of(0L, 999_999_999L, 1_000_000_000L, -1L, Long.MAX_VALUE));
            String raw = second + "." + nano + "." + (random.nextInt(5) == 0 ? "x" : id);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
        String instant = pick(List.of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+294277-01-01T00:00:00Z",
                "-4714-11-23T00:00:00Z", "2024-01-01T00:00:00Z"));
        return instant + "_" + id;
    }

    // ---------------------------------------------------------------- garbage

    /** Bytes that are not a usable JSON object (and a few with the wrong media type or too large). */
    Body garbage(JsonNode schema) {
        String valid = JsonText.write(valid(schema));
        return switch (random.nextInt(22)) {
            case 0 -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                yield new Body("random bytes", bytes, null);
            }
            case 1 -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0, n = 1 + random.nextInt(80); i < n; i++) s.append((char) (32 + random.nextInt(95)));
                yield Body.json("random ascii", s.toString());
            }
            case 2, 3 -> Body.json("truncated", valid.substring(0, Math.max(1, random.nextInt(Math.max(1, valid.length())))));
            case 4 -> Body.json("non-object", pick(List.of("[]", "[{}]", "\"text\"", "42", "-1.5e10", "null", "true",
                    "false", "[" + valid + "]", "\"" + valid.replace("\"", "\\\"") + "\"")));
            case 5 -> Body.json("blank", pick(List.of("", " ", "\n\t \r\n")));
            case 6 -> {
                byte[] json = valid.getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[json.length + 3];
                out[0] = (byte) 0xEF;
                out[1] = (byte) 0xBB;
                out[2] = (byte) 0xBF;
                System.arraycopy(json, 0, out, 3, json.length);
                yield new Body("utf-8 bom", out, null);
            }
            case 7 -> new Body("invalid utf-8", concat("{\"text\":\"", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, "\"}"), null);
            case 8 -> new Body("utf-16", valid.getBytes(StandardCharsets.UTF_16BE), "application/json; charset=utf-16");
            case 9 -> Body.json("lenient syntax", pick(List.of("{/* c */}", "{'a':1}", "{\"a\":1,}", "{a:1}", "{\"a\":NaN}",
                    "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":0x10}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\" 1}", "{,}",
                    "{\"a\":\"\\x41\"}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"unterminated}", "{\"a\":\"\t\"}")));
            case 10 -> Body.json("deep", deep(pick(List.of(65, 1000, 100_000))));
            case 11 -> Body.json("trailing", valid + pick(List.of("x", "{}", " []", "\u0000", ",", "}")));
            case 12 -> Body.json("long number", "{\"limit\":" + "9".repeat(1000 + random.nextInt(5000)) + "}");
            case 13 -> new Body("wrong media type", valid.getBytes(StandardCharsets.UTF_8),
                    pick(List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                            "application/xml", "json", "application/jsonx", "*/*")));
            case 14 -> random.nextInt(8) == 0
                    ? Body.json("over 1 MiB", "{\"text\":\"" + "a".repeat((1 << 20) + 10) + "\"}")
                    : Body.json("many fields", manyFields(2_000 + random.nextInt(20_000)));
            case 15 -> Body.json("nul bytes", valid.replace("\"", random.nextBoolean() ? "\"\\u0000" : "\"\u0000"));
            case 16 -> Body.json("escaped surrogates", valid.replace(":\"", ":\"\\ud83d"));
            case 17 -> Body.json("huge exponent", "{\"limit\":1e" + pick(List.of("309", "99999999", "-99999999", "400")) + "}");
            case 18 -> Body.json("object then object", "{}{}");
            case 19 -> Body.json("key without value", "{\"" + word() + "\"}");
            case 20 -> Body.json("big array", "[" + "1,".repeat(50_000) + "1]");
            default -> Body.json("quoted", "\"" + "\\\"".repeat(100) + "\"");
        };
    }

    private String manyFields(int n) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        return s.append('}').toString();
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) return schema.has("properties") ? "object" : "string";
        if (type.isArray()) {
            for (JsonNode t : type) if (!t.asText().equals("null")) return t.asText();
            return "null";
        }
        return type.asText();
    }

    private String word() {
        return pick(WORDS);
    }

    private String randomId() {
        StringBuilder s = new StringBuilder(Ids.LENGTH);
        for (int i = 0; i < Ids.LENGTH; i++) s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return s.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private JsonNode pick(JsonNode array) {
        return array.get(random.nextInt(array.size()));
    }
}
