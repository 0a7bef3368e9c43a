package io.clientele.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.operation.CallResult;
import io.clientele.operation.Caller;
import io.clientele.operation.Effect;
import io.clientele.operation.OperationExecutor;
import io.clientele.operation.RegisteredOperation;
import io.clientele.platform.ErrorType;
import io.clientele.platform.Json;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry as MCP tools and the customer resource template. Every tool shares one handler that hands
 * the arguments to the executor and answers its envelope as text; a success envelope is also the structured
 * content (it is what the output schema describes), a failure comes with {@code isError}. Nothing here knows
 * what an operation does.
 */
final class OperationTools {
    static final String CUSTOMER_URI_TEMPLATE = "clientele://customers/{customer_id}";
    static final String GROUP_URI_TEMPLATE = "clientele://customer-groups/{customer_group_id}";
    private static final String INSTRUCTIONS = """
            Clientele keeps a business's customer records. Every tool is one operation; its description says what
            it does and its input schema is strict (unknown fields are errors). A result's structured content is
            the operation's JSON envelope, code 1 with the operation's fields (and warnings if any); the text
            content holds the same JSON. An error result (isError) has the envelope as text only: code 0 with
            error.type, error.message and error.details, one JSON pointer per problem; fix the input the details
            point at and call again. A customer can also be read as the resource clientele://customers/{customer_id}."""
            .replace('\n', ' ');

    /** Who is calling, as established by the transport; empty when nobody authenticated (never expected). */
    @FunctionalInterface
    interface Callers {
        Optional<Caller> of(McpSyncServerExchange exchange);
    }

    private final OperationExecutor executor;
    private final Callers callers;

    OperationTools(OperationExecutor executor, Callers callers) {
        this.executor = executor;
        this.callers = callers;
    }

    /** Builds a server from its transport's specification with the tools, the resource template and its description. */
    McpSyncServer build(McpServer.SyncSpecification<?> server, String version) {
        return server.serverInfo("clientele", version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                // The executor validates input and answers the envelope's validation error with pointers.
                .validateToolInputs(false)
                .tools(tools())
                .resourceTemplates(resources())
                .build();
    }

    private List<SyncToolSpecification> tools() {
        return executor.registry().all().stream().map(this::tool).toList();
    }

    private SyncToolSpecification tool(RegisteredOperation op) {
        String name = op.spec().name();
        McpSchema.Tool tool = McpSchema.Tool.builder(name, map(op.inputSchema()))
                .description(op.spec().description())
                .outputSchema(map(op.outputSchema()))
                .annotations(annotations(op.spec().effect()))
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(exchange, name, request.arguments()))
                .build();
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, String operation, Map<String, Object> arguments) {
        Caller caller = callers.of(exchange).orElseThrow(OperationTools::unauthenticated);
        JsonNode input = arguments == null ? Json.object() : Json.MAPPER.valueToTree(arguments);
        CallResult result = executor.call(caller, operation, input);
        McpSchema.CallToolResult.Builder answer = McpSchema.CallToolResult.builder()
                .addTextContent(new String(result.bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isError(!result.succeeded());
        // Structured content must match the output schema, which clients check even on error results
        // (the TypeScript SDK rejects the whole result otherwise), so a failure envelope travels as text only.
        if (result.succeeded()) answer.structuredContent(result.body());
        return answer.build();
    }

    private List<SyncResourceTemplateSpecification> resources() {
        return List.of(
                resource(CUSTOMER_URI_TEMPLATE, "customer", "Customer",
                        "One customer with its profile sections, as GetCustomer answers it.", "GetCustomer", "customer_id"),
                resource(GROUP_URI_TEMPLATE, "customer_group", "Customer group",
                        "One customer group's definition, as GetCustomerGroup answers it.", "GetCustomerGroup", "customer_group_id"));
    }

    /** A resource template read through one operation, whose one input field is the template's variable. */
    private SyncResourceTemplateSpecification resource(String uriTemplate, String name, String title, String description,
                                                        String operation, String idField) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(uriTemplate, name)
                .title(title)
                .description(description)
                .mimeType("application/json")
                .build();
        DefaultMcpUriTemplateManager uris = new DefaultMcpUriTemplateManager(uriTemplate);
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            Caller caller = callers.of(exchange).orElseThrow(OperationTools::unauthenticated);
            String id = uris.extractVariableValues(request.uri()).getOrDefault(idField, "");
            CallResult result = executor.call(caller, operation, Json.object().put(idField, id));
            if (!result.succeeded()) throw resourceError(result.body());
            return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents
                    .builder(request.uri(), new String(result.bytes(), java.nio.charset.StandardCharsets.UTF_8)).mimeType("application/json").build())).build();
        });
    }

    /** A failed resource read as a JSON-RPC error: the closest code, the envelope's message, the envelope as data. */
    private static McpError resourceError(ObjectNode envelope) {
        String type = envelope.path("error").path("type").asText();
        int code = type.equals(ErrorType.NOT_FOUND.wireName()) ? McpSchema.ErrorCodes.RESOURCE_NOT_FOUND
                : type.equals(ErrorType.VALIDATION.wireName()) ? McpSchema.ErrorCodes.INVALID_PARAMS
                : McpSchema.ErrorCodes.INTERNAL_ERROR;
        return McpError.builder(code).message(envelope.path("error").path("message").asText())
                .data(Json.MAPPER.convertValue(envelope, Map.class)).build();
    }

    /** Hints from the operation's effect; a destroy removes nothing more when repeated (see {@link Effect}). */
    private static McpSchema.ToolAnnotations annotations(Effect effect) {
        return McpSchema.ToolAnnotations.builder()
                .readOnlyHint(effect == Effect.READ)
                .destructiveHint(effect == Effect.DESTRUCTIVE)
                .idempotentHint(effect != Effect.WRITE)
                .openWorldHint(false)
                .build();
    }

    private static McpError unauthenticated() {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST)
                .message("No authenticated caller: send 'Authorization: Bearer <api key>'.").build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectNode schema) {
        return Json.MAPPER.convertValue(schema, Map.class);
    }
}
