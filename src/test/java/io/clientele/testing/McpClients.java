package io.clientele.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The official MCP Java SDK client against a test server, over Streamable HTTP or stdio, and readers of its results. */
public final class McpClients {
    public static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    private McpClients() {}

    /** A client of {@code <base>/mcp} sending the key as bearer token; not yet initialized. */
    public static McpSyncClient overHttp(String base, String apiKey) {
        return overHttp(base, request -> request.header("Authorization", "Bearer " + apiKey));
    }

    /** A client of {@code <base>/mcp} whose every request is shaped by {@code headers}; not yet initialized. */
    public static McpSyncClient overHttp(String base, Consumer<java.net.http.HttpRequest.Builder> headers) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .jsonMapper(JSON)
                .addHttpRequestCustomizer((request, method, uri, body, context) -> headers.accept(request))
                .build();
        return client(transport, Duration.ofSeconds(30));
    }

    /** A client of a server process it starts itself; stderr lines of the process go to {@code stderr}. */
    public static McpSyncClient overStdio(ServerParameters server, Consumer<String> stderr) {
        StdioClientTransport transport = new StdioClientTransport(server, JSON);
        transport.setStdErrorHandler(stderr);
        return client(transport, Duration.ofSeconds(90));
    }

    private static McpSyncClient client(McpClientTransport transport, Duration initialization) {
        return McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("clientele-tests", "1.0").build())
                .initializationTimeout(initialization)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
    }

    public static McpSchema.CallToolResult call(McpSyncClient client, String tool, ObjectNode arguments) {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = Json.MAPPER.convertValue(arguments, Map.class);
        return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    }

    /** The operation's envelope, from the result's one text content (errors have no structured content). */
    public static JsonNode envelope(McpSchema.CallToolResult result) {
        List<String> texts = texts(result);
        if (texts.size() != 1) throw new AssertionError("expected one text content, got " + result.content());
        return Json.read(texts.getFirst());
    }

    /** The structured content of a result, or null when it has none. */
    public static JsonNode structured(McpSchema.CallToolResult result) {
        return result.structuredContent() == null ? null : Json.MAPPER.valueToTree(result.structuredContent());
    }

    /** The text contents of a result. */
    public static List<String> texts(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .toList();
    }
}
