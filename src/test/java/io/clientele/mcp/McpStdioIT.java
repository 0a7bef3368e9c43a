package io.clientele.mcp;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.McpClients.call;
import static io.clientele.testing.McpClients.envelope;
import static io.clientele.testing.Requests.customer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.McpClients;
import io.clientele.testing.McpServerProcess;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clientele mcp} as a real subprocess ({@code java -cp <test classpath> io.clientele.Main mcp}) on the
 * shared test database, driven by the MCP Java SDK's stdio client.
 */
class McpStdioIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    @Test
    void aStdioClientListsTheToolsCreatesAndReadsACustomerAndGetsAValidationError() {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpClients.overStdio(server(acme.apiKey()), stderr::add)) {
            client.initialize();

            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            List<String> operations = new ArrayList<>();
            api.get("/v1/ops").body().path("operations").forEach(op -> operations.add(op.path("name").asText()));
            assertThat(tools).containsExactlyInAnyOrderElementsOf(operations);

            JsonNode created = envelope(call(client, "CreateCustomer", aCustomer().named("Ada", "Lovelace").build()));
            String ada = created.path("customer_id").asText();
            JsonNode found = envelope(call(client, "GetCustomer", customer(ada)));
            assertThat(found.at("/customer/last_name").asText()).isEqualTo("Lovelace");
            assertThat(acme.ok("GetCustomer", customer(ada)).body().path("customer")).isEqualTo(found.path("customer"));

            ObjectNode definition = Json.object().put("name", "Do Not Contact").put("enabled", true).put("qualifier_method", "none");
            definition.putObject("qualifiers");
            String groupId = envelope(call(client, "CreateCustomerGroup", definition)).path("customer_group_id").asText();
            JsonNode group = envelope(call(client, "GetCustomerGroup", Json.object().put("customer_group_id", groupId)));
            assertThat(group.at("/customer_group/name").asText()).isEqualTo("Do Not Contact");

            McpSchema.CallToolResult invalid = call(client, "GetCustomer", customer(ada).put("phone", "+15555550100"));
            assertThat(invalid.isError()).isTrue();
            assertThat(envelope(invalid).at("/error/type").asText()).isEqualTo("validation");
            assertThat(envelope(invalid).at("/error/details/0/path").asText()).isEqualTo("/phone");

            TenantRows.ApiCallRow row = TenantRows.of(acme).apiCall(created.path("api_call_id").asText()).orElseThrow();
            assertThat(row.actorKind()).isEqualTo("mcp");
            assertThat(TenantRows.of(acme).auditRowsOfCall(created.path("api_call_id").asText()))
                    .singleElement().satisfies(audit -> assertThat(audit.userAgent()).isEqualTo("clientele-tests/1.0 (mcp-stdio)"));
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nserver stderr:\n" + String.join("\n", stderr), e);
        }
    }

    @Test
    void standardOutputCarriesOnlyProtocolAndTheServerExitsWhenItsInputCloses() throws Exception {
        Process process = start(McpServerProcess.arguments(), Map.of("CLIENTELE_API_KEY", acme.apiKey()));
        OutputStream in = process.getOutputStream();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
            assertThat(Json.read(out.readLine()).at("/result/serverInfo/name").asText()).isEqualTo("clientele");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(Json.read(out.readLine()).at("/result/tools").size()).isPositive();
            in.close();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after stdin closes").isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(out.lines().toList()).allSatisfy(line -> assertThat(Json.read(line).path("jsonrpc").asText()).isEqualTo("2.0"));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingOrInvalidKeyStopsTheServerWithAMessageOnStandardErrorAndNothingOnStandardOutput() throws Exception {
        Finished missing = run(McpServerProcess.arguments(), Map.of());
        Finished invalid = run(McpServerProcess.arguments(), Map.of("CLIENTELE_API_KEY", "ck_" + "x".repeat(40)));

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("CLIENTELE_API_KEY is not set");
        assertThat(missing.stdout()).isEmpty();
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.stderr()).contains("CLIENTELE_API_KEY is not a valid API key");
        assertThat(invalid.stdout()).isEmpty();
    }

    @Test
    void anEmbeddedDatabaseAlreadyOpenInAnotherProcessIsReportedWithTheHttpAlternative(@TempDir Path dataDir) throws Exception {
        // A postmaster.pid naming a live process is what a running serve leaves in its data dir.
        Files.createDirectories(dataDir.resolve("postgres"));
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");

        Finished busy = run(McpServerProcess.arguments(List.of("mcp", "--data-dir", dataDir.toString())),
                Map.of("CLIENTELE_API_KEY", acme.apiKey()));

        assertThat(busy.exitCode()).isEqualTo(2);
        assertThat(busy.stderr()).contains("already open in another process").contains("/mcp");
        assertThat(busy.stdout()).isEmpty();
    }

    // ------------------------------------------------------------------ the subprocess

    private record Finished(int exitCode, String stdout, String stderr) {}

    private static ServerParameters server(String apiKey) {
        return ServerParameters.builder(McpServerProcess.java()).args(McpServerProcess.arguments())
                .env(withEnvironment(Map.of("CLIENTELE_API_KEY", apiKey))).build();
    }

    /** Starts {@code java <arguments>} with the server's environment plus {@code env}. */
    private static Process start(List<String> arguments, Map<String, String> env) throws IOException {
        List<String> commandLine = new ArrayList<>(List.of(McpServerProcess.java()));
        commandLine.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(commandLine);
        builder.environment().remove("CLIENTELE_API_KEY");
        builder.environment().remove("DATABASE_URL");
        builder.environment().putAll(withEnvironment(env));
        return builder.start();
    }

    private static Finished run(List<String> arguments, Map<String, String> env) throws Exception {
        Process process = start(arguments, env);
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        String stderr = readAll(process.getErrorStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Finished(process.exitValue(), stdout.get(), stderr);
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(McpServerProcess.environment());
        env.putAll(extra);
        return env;
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
