package io.clientele.mcp;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.McpClients.call;
import static io.clientele.testing.McpClients.envelope;
import static io.clientele.testing.McpClients.structured;
import static io.clientele.testing.McpClients.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.removeMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.McpClients;
import io.clientele.testing.Nodes;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TenantRows.ApiCallRow;
import io.clientele.testing.TestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The MCP surface over Streamable HTTP, driven by the official MCP Java SDK client against the test server. */
class McpHttpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
             "capabilities":{},"clientInfo":{"name":"raw-http","version":"1"}}}""";

    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final McpSyncClient client = McpClients.overHttp(api.base(), acme.apiKey());

    @AfterEach
    void closeClient() {
        client.closeGracefully();
    }

    @Test
    void everyRegistryOperationIsAToolWithItsDescriptionSchemasAndHints() {
        client.initialize();
        Map<String, McpSchema.Tool> tools = client.listTools().tools().stream()
                .collect(Collectors.toMap(McpSchema.Tool::name, Function.identity()));
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        api.get("/v1/ops").body().path("operations").forEach(op -> operations.put(op.path("name").asText(), op));

        assertThat(tools.keySet()).containsExactlyInAnyOrderElementsOf(operations.keySet());
        operations.forEach((name, op) -> {
            McpSchema.Tool tool = tools.get(name);
            assertThat(tool.description()).isEqualTo(op.path("description").asText());
            assertThat(Json.tree(tool.inputSchema())).as(name).isEqualTo(op.path("input_schema"));
            assertThat(Json.tree(tool.outputSchema())).as(name).isEqualTo(op.path("output_schema"));
            assertThat(tool.inputSchema()).containsEntry("additionalProperties", false);
            String effect = op.path("effect").asText();
            assertThat(tool.annotations().readOnlyHint()).as(name).isEqualTo(effect.equals("read"));
            assertThat(tool.annotations().destructiveHint()).as(name).isEqualTo(effect.equals("destructive"));
            assertThat(tool.annotations().idempotentHint()).as(name).isEqualTo(!effect.equals("write"));
        });
        assertThat(tools.get("GetCustomer").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("DeleteCustomer").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("CreateCustomer").annotations().readOnlyHint()).isFalse();
    }

    @Test
    void aCustomerCreatedThroughMcpReadsBackWithTheEnvelopeAsStructuredContentAndAsText() {
        client.initialize();
        McpSchema.CallToolResult created = call(client, "CreateCustomer",
                aCustomer().named("Jane", "Doe").withEmail("jane@example.com").tagged("VIP").build());

        assertThat(created.isError()).isFalse();
        JsonNode createdEnvelope = structured(created);
        assertThat(createdEnvelope.path("code").asInt()).isEqualTo(1);
        assertThat(createdEnvelope.path("result").asText()).isEqualTo("Customer created.");
        assertThat(envelope(created)).isEqualTo(createdEnvelope);
        String jane = createdEnvelope.path("customer_id").asText();

        McpSchema.CallToolResult got = call(client, "GetCustomer", customer(jane));
        JsonNode found = structured(got).path("customer");
        assertThat(got.isError()).isFalse();
        assertThat(envelope(got)).isEqualTo(structured(got));
        assertThat(found.path("customer_id").asText()).isEqualTo(jane);
        assertThat(found.path("first_name").asText()).isEqualTo("Jane");
        assertThat(found.path("email").asText()).isEqualTo("jane@example.com");
        assertThat(found.path("tags").get(0).asText()).isEqualTo("VIP");
        assertThat(acme.call("GetCustomer", customer(jane)).body().path("customer")).isEqualTo(found);
    }

    @Test
    void anUnknownFieldIsAnErrorResultWhoseTextIsTheSameEnvelopeAsRest() {
        client.initialize();
        ObjectNode input = aCustomer().build().put("nickname", "Annie");

        McpSchema.CallToolResult result = call(client, "CreateCustomer", input);
        Api.Response rest = acme.call("CreateCustomer", input);

        assertThat(result.isError()).isTrue();
        assertThat(result.structuredContent()).as("an error envelope does not match the output schema").isNull();
        JsonNode error = envelope(result);
        assertThat(error.path("code").asInt()).isZero();
        assertThat(error.path("error").path("type").asText()).isEqualTo("validation");
        assertThat(error.at("/error/details/0/path").asText()).isEqualTo("/nickname");
        assertThat(error.path("error")).isEqualTo(rest.body().path("error"));
        assertThat(acme.ok("GetCustomers", Json.object()).body().path("customers")).isEmpty();
    }

    @Test
    void warningsComeWithASuccessfulResult() {
        client.initialize();
        String jane = acme.createCustomer();

        McpSchema.CallToolResult result = call(client, "DeleteMetadata", removeMetadata(jane, "never_set"));

        assertThat(result.isError()).isFalse();
        assertThat(envelope(result).path("code").asInt()).isEqualTo(1);
        assertThat(envelope(result).at("/warnings/0/message").asText()).contains("never_set");
    }

    @Test
    void callsAreRecordedInApiCallAsTheMcpActorWithTheKeyThatMadeThem() {
        client.initialize();
        TenantRows rows = TenantRows.of(acme);
        String keyId = rows.apiKeyIds().getFirst();

        JsonNode ok = envelope(call(client, "CreateCustomer", aCustomer().build()));
        JsonNode failed = envelope(call(client, "GetCustomer", customer("00000000000000000000")));

        ApiCallRow okRow = rows.apiCall(ok.path("api_call_id").asText()).orElseThrow();
        assertThat(okRow.operation()).isEqualTo("CreateCustomer");
        assertThat(okRow.actorKind()).isEqualTo("mcp");
        assertThat(okRow.actorId()).isEqualTo(keyId);
        assertThat(okRow.code()).isEqualTo(1);
        ApiCallRow failedRow = rows.apiCall(failed.path("api_call_id").asText()).orElseThrow();
        assertThat(failedRow.actorKind()).isEqualTo("mcp");
        assertThat(failedRow.errorType()).isEqualTo("not_found");
        assertThat(failedRow.httpStatus()).isEqualTo(404);
    }

    @Test
    void anotherTenantsCustomerIsNotFoundThroughMcpAsThroughRest() {
        String acmeCustomer = acme.createCustomer(aCustomer().named("Jane", "Doe"));
        Api.Tenant globex = api.newTenant("Globex");
        try (McpSyncClient globexClient = McpClients.overHttp(api.base(), globex.apiKey())) {
            globexClient.initialize();

            McpSchema.CallToolResult result = call(globexClient, "GetCustomer", customer(acmeCustomer));
            Api.Response rest = globex.call("GetCustomer", customer(acmeCustomer));

            assertThat(result.isError()).isTrue();
            assertThat(envelope(result).path("error")).isEqualTo(rest.body().path("error"));
            assertThat(envelope(result).path("error").path("type").asText()).isEqualTo("not_found");
            assertThat(texts(result).getFirst()).doesNotContain("Jane");
        }
    }

    @Test
    void aReadOnlyKeyGetsForbiddenForAWrite() {
        Api.Tenant readOnly = acme.withKeyScoped("read");
        try (McpSyncClient reader = McpClients.overHttp(api.base(), readOnly.apiKey())) {
            reader.initialize();

            McpSchema.CallToolResult result = call(reader, "CreateCustomer", aCustomer().build());

            assertThat(result.isError()).isTrue();
            assertThat(envelope(result).path("error").path("type").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void aGroupCreatedThroughMcpAnswersTheSeedsFiveFieldsAndReadsBackAsToolAndResource() {
        client.initialize();
        ObjectNode definition = Json.object().put("name", "Do Not Contact").put("description", "Manual suppression group.")
                .put("enabled", true).put("qualifier_method", "none");
        definition.putObject("qualifiers");

        McpSchema.CallToolResult created = call(client, "CreateCustomerGroup", definition);

        assertThat(created.isError()).isFalse();
        assertThat(Nodes.fieldNames(structured(created)))
                .containsExactly("api_call_id", "api_call_unix", "code", "result", "customer_group_id");
        String groupId = structured(created).path("customer_group_id").asText();
        JsonNode group = structured(call(client, "GetCustomerGroup", Json.object().put("customer_group_id", groupId)))
                .path("customer_group");
        assertThat(group.path("name").asText()).isEqualTo("Do Not Contact");
        assertThat(group.path("qualifier_method").asText()).isEqualTo("none");
        McpSchema.ReadResourceResult read = client.readResource(
                McpSchema.ReadResourceRequest.builder("clientele://customer-groups/" + groupId).build());
        assertThat(Json.read(((McpSchema.TextResourceContents) read.contents().getFirst()).text()).path("customer_group"))
                .isEqualTo(group);
    }

    @Test
    void aCustomerIsReadableAsAResourceOnlyByItsTenant() {
        client.initialize();
        String jane = acme.createCustomer(aCustomer().named("Jane", "Doe"));

        assertThat(client.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("clientele://customers/{customer_id}", "clientele://customer-groups/{customer_group_id}");
        McpSchema.ReadResourceResult read = client.readResource(McpSchema.ReadResourceRequest.builder("clientele://customers/" + jane).build());
        McpSchema.TextResourceContents contents = (McpSchema.TextResourceContents) read.contents().getFirst();
        assertThat(contents.mimeType()).isEqualTo("application/json");
        assertThat(Json.read(contents.text()).at("/customer/first_name").asText()).isEqualTo("Jane");

        Api.Tenant globex = api.newTenant("Globex");
        try (McpSyncClient globexClient = McpClients.overHttp(api.base(), globex.apiKey())) {
            globexClient.initialize();
            assertThatThrownBy(() -> globexClient.readResource(McpSchema.ReadResourceRequest.builder("clientele://customers/" + jane).build()))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND);
                        assertThat(String.valueOf(e.getJsonRpcError().data())).doesNotContain("Jane");
                    });
        }
    }

    @Test
    void aWrongOrMissingKeyIsRefusedBeforeAnyMcpMethodRuns() throws Exception {
        try (McpSyncClient stranger = McpClients.overHttp(api.base(), "ck_" + "x".repeat(40))) {
            assertThatThrownBy(stranger::initialize)
                    .hasRootCauseInstanceOf(McpHttpClientTransportAuthorizationException.class)
                    .rootCause().satisfies(e -> assertThat(
                            ((McpHttpClientTransportAuthorizationException) e).getResponseInfo().statusCode()).isEqualTo(401));
        }

        HttpResponse<String> missing = post(r -> r, INITIALIZE);
        HttpResponse<String> wrong = post(r -> r.header("Authorization", "Bearer ck_wrong"), INITIALIZE);

        for (HttpResponse<String> refused : java.util.List.of(missing, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(refused.headers().firstValue("Mcp-Session-Id")).isEmpty();
            JsonNode body = Json.read(refused.body());
            assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(body.at("/error/data/type").asText()).isEqualTo("unauthorized");
            assertThat(body.at("/error/message").asText()).contains("Authorization: Bearer");
        }
    }

    @Test
    void aForeignOriginIsRefusedAndALocalOneAccepted() throws Exception {
        HttpResponse<String> foreign = post(r -> authorized(r).header("Origin", "http://evil.example"), INITIALIZE);
        HttpResponse<String> lookalike = post(r -> authorized(r).header("Origin", "http://localhost.evil.example"), INITIALIZE);
        HttpResponse<String> local = post(r -> authorized(r).header("Origin", "http://localhost:5173"), INITIALIZE);

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(Json.read(foreign.body()).at("/error/data/type").asText()).isEqualTo("forbidden");
        assertThat(foreign.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(lookalike.statusCode()).isEqualTo(403);
        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void aForeignHostIsRefusedEvenWithAValidKey() throws IOException {
        // java.net.http will not send a Host of our choosing, so this request is written by hand.
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp HTTP/1.1\r\nHost: rebound.evil.example:" + TestServer.shared().port() + "\r\n"
                + "Authorization: Bearer " + acme.apiKey() + "\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", TestServer.shared().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer.lines().findFirst().orElse("")).startsWith("HTTP/1.1 421");
            assertThat(answer).doesNotContainIgnoringCase("mcp-session-id");
        }
    }

    @Test
    void aSessionCanOnlyBeUsedByTheKeyThatOpenedIt() throws Exception {
        HttpResponse<String> opened = post(this::authorized, INITIALIZE);
        String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
        Api.Tenant globex = api.newTenant("Globex");
        String listTools = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

        HttpResponse<String> hijacked = post(r -> r.header("Authorization", "Bearer " + globex.apiKey())
                .header("Mcp-Session-Id", session), listTools);
        HttpResponse<String> own = post(r -> authorized(r).header("Mcp-Session-Id", session), listTools);

        assertThat(hijacked.statusCode()).isEqualTo(404);
        assertThat(Json.read(hijacked.body()).at("/error/data/type").asText()).isEqualTo("not_found");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("CreateCustomer");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + acme.apiKey());
    }

    private HttpResponse<String> post(Function<HttpRequest.Builder, HttpRequest.Builder> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(headers.apply(request).build(), HttpResponse.BodyHandlers.ofString());
    }
}
