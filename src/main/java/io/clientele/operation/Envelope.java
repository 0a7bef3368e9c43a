package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.clientele.platform.Problem;
import java.util.Map;

/** The response envelopes of CONTRACT.md, and the schema of a success envelope around an operation's fields. */
public final class Envelope {
    private Envelope() {}

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
