package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import java.util.Arrays;

/** OpenAPI 3.1 for {@code POST /v1/ops/{Operation}}, generated from the registry. */
public final class OpenApi {
    private OpenApi() {}

    public static ObjectNode document(OperationRegistry registry, String version) {
        ObjectNode doc = Json.object().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "Clientele API").put("version", version)
                .put("description", "Every operation is POST /v1/ops/{Operation} with the input object as the body "
                        + "and an API key as Bearer token. GET /v1/ops lists the same operations as JSON.");
        doc.put("jsonSchemaDialect", Schemas.DIALECT);
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("apiKey").put("type", "http").put("scheme", "bearer");
        components.putObject("schemas").set("Error", errorSchema());
        doc.putArray("security").addObject().putArray("apiKey");
        ObjectNode paths = doc.putObject("paths");
        for (RegisteredOperation op : registry.all()) {
            OperationSpec<?> spec = op.spec();
            ObjectNode post = paths.putObject("/v1/ops/" + spec.name()).putObject("post");
            post.put("operationId", spec.name())
                    .put("summary", spec.description().lines().findFirst().orElse(spec.name()))
                    .put("description", spec.description());
            post.putArray("tags").add(spec.type());
            post.putObject("requestBody").put("required", true)
                    .putObject("content").putObject("application/json").set("schema", op.inputSchema());
            ObjectNode responses = post.putObject("responses");
            responses.putObject("200").put("description", "Success.")
                    .putObject("content").putObject("application/json").set("schema", op.outputSchema());
            Arrays.stream(ErrorType.values()).filter(t -> t != ErrorType.INTERNAL).forEach(t ->
                    responses.putObject(Integer.toString(t.httpStatus())).put("description", t.wireName())
                            .putObject("content").putObject("application/json").putObject("schema")
                            .put("$ref", "#/components/schemas/Error"));
        }
        return doc;
    }

    private static ObjectNode errorSchema() {
        return Schemas.object("Failure envelope.")
                .required("api_call_id", Schemas.id("Id of this call."))
                .required("api_call_unix", Schemas.integer(0, Long.MAX_VALUE, "Unix time of the call."))
                .required("code", Schemas.integer(0, 0, "0 for failure."))
                .required("error", Schemas.object("What went wrong.")
                        .required("type", Schemas.enumOf("Error type.", Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList()))
                        .required("message", Schemas.string(2000, "What was wrong and how to fix it."))
                        .required("details", Schemas.array(Schemas.object("One problem.")
                                .required("path", Schemas.string(500, "JSON pointer into the request."))
                                .required("message", Schemas.string(2000, "The problem."))
                                .build(), 1000, "One entry per problem."))
                        .build())
                .build();
    }
}
