package io.clientele.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The response envelopes of CONTRACT.md, and the schema of a success envelope around an operation's fields. */
public final class Envelope {
    private Envelope() {}

    /**
     * The success envelope as JSON bytes, written in one pass: the operation's fields are serialized straight
     * into the envelope by the same generator (a record's properties unwrapped, a map's or a tree's entries one
     * by one), without the intermediate tree of {@link #success} or a text of the fields to splice in. Byte for
     * byte the same text as {@code Json.write(success(...))}, which the executor checks when it checks outputs
     * (tests).
     */
    static byte[] successBytes(String apiCallId, long unix, Outcome outcome) {
        // As ObjectMapper.writeValueAsString does: pooled buffers, handed back when done.
        BufferRecycler buffers = Json.MAPPER.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
            // Characters, not bytes: Jackson's byte generator escapes characters outside the BMP (emoji) as
            // surrogate pairs, its character generator writes them as they are, as the tree's text always did.
            DefaultSerializerProvider provider = ((DefaultSerializerProvider) Json.MAPPER.getSerializerProvider())
                    .createInstance(Json.MAPPER.getSerializationConfig(), Json.MAPPER.getSerializerFactory());
            JsonGenerator g = Json.MAPPER.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("api_call_id", apiCallId);
            g.writeNumberField("api_call_unix", unix);
            g.writeNumberField("code", 1);
            g.writeStringField("result", outcome.result());
            if (outcome.fields() != null) writeFields(outcome.fields(), g, provider);
            if (!outcome.warnings().isEmpty()) {
                g.writeArrayFieldStart("warnings");
                for (Outcome.Warning w : outcome.warnings()) {
                    g.writeStartObject();
                    g.writeStringField("path", w.path());
                    g.writeStringField("message", w.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.close();
            return out.getAndClear().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            buffers.releaseToPool();
        }
    }

    /** The operation's fields as members of the envelope object the generator is in. */
    private static void writeFields(Object fields, JsonGenerator g, DefaultSerializerProvider provider) throws IOException {
        if (fields instanceof JsonNode node) {
            if (!node.isObject()) throw new IllegalStateException("operation fields must serialize as an object: " + fields.getClass());
            for (Map.Entry<String, JsonNode> field : node.properties()) provider.defaultSerializeField(field.getKey(), field.getValue(), g);
            return;
        }
        if (fields instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (!(field.getKey() instanceof String name)) {
                    throw new IllegalStateException("operation fields must have text keys: " + field.getKey());
                }
                provider.defaultSerializeField(name, field.getValue(), g);
            }
            return;
        }
        JsonSerializer<Object> serializer = UNWRAPPING.get(fields.getClass());
        if (serializer == null) {
            serializer = provider.findValueSerializer(fields.getClass(), null).unwrappingSerializer(NameTransformer.NOP);
            if (!serializer.isUnwrappingSerializer()) {
                throw new IllegalStateException("operation fields must serialize as an object: " + fields.getClass());
            }
            UNWRAPPING.putIfAbsent(fields.getClass(), serializer);
        }
        serializer.serialize(fields, g, provider);
    }

    /** A record's serializer that writes its properties without the braces, by record class (built per class, not per call). */
    private static final Map<Class<?>, JsonSerializer<Object>> UNWRAPPING = new ConcurrentHashMap<>();

    /** The success envelope as a tree: what {@link #successBytes} writes, built the slow way (output checks). */
    static ObjectNode success(String apiCallId, long unix, Outcome outcome) {
        ObjectNode out = Json.object()
                .put("api_call_id", apiCallId)
                .put("api_call_unix", unix)
                .put("code", 1)
                .put("result", outcome.result());
        if (outcome.fields() != null) {
            JsonNode fields = Json.tree(outcome.fields());
            for (Map.Entry<String, JsonNode> field : fields.properties()) out.set(field.getKey(), field.getValue());
        }
        if (!outcome.warnings().isEmpty()) {
            ArrayNode warnings = out.putArray("warnings");
            outcome.warnings().forEach(w -> warnings.addObject().put("path", w.path()).put("message", w.message()));
        }
        return out;
    }

    public static ObjectNode failure(String apiCallId, long unix, Problem problem) {
        ObjectNode out = Json.object()
                .put("api_call_id", apiCallId)
                .put("api_call_unix", unix)
                .put("code", 0);
        ObjectNode error = out.putObject("error")
                .put("type", problem.type().wireName())
                .put("message", problem.getMessage());
        ArrayNode details = error.putArray("details");
        problem.details().forEach(d -> details.addObject().put("path", d.path()).put("message", d.message()));
        return out;
    }

    public static ObjectNode failure(String apiCallId, long unix, ErrorType type, String message) {
        return failure(apiCallId, unix, Problem.of(type, message));
    }

    static ObjectNode successSchema(ObjectNode fields) {
        Schemas.ObjectBuilder envelope = Schemas.object("Success envelope.")
                .required("api_call_id", Schemas.id("Id of this call in the api_call log."))
                .required("api_call_unix", Schemas.integer(0, Long.MAX_VALUE, "Unix time (seconds) when the call began."))
                .required("code", Schemas.integer(1, 1, "1 for success."))
                .required("result", Schemas.string(1000, "Human-readable result."))
                .property("warnings", Schemas.array(Schemas.object("A warning that did not stop the call.")
                        .required("path", Schemas.string(500, "JSON pointer of what the warning is about."))
                        .required("message", Schemas.string(2000, "What was noticed and what to do."))
                        .build(), 100, "Present only when there are warnings."));
        JsonNode props = fields.path("properties");
        props.fieldNames().forEachRemaining(name -> {
            boolean required = false;
            for (JsonNode r : fields.path("required")) if (r.asText().equals(name)) required = true;
            if (required) envelope.required(name, (ObjectNode) props.get(name));
            else envelope.property(name, (ObjectNode) props.get(name));
        });
        ObjectNode out = envelope.build();
        out.put("$schema", Schemas.DIALECT);
        return out;
    }
}
