package io.clientele.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.McpServerProcess;
import io.clientele.testing.Nodes;
import io.clientele.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript MCP SDK client ({@code src/test/node/mcp-client.mjs}) against the server, over
 * Streamable HTTP and over stdio. Skipped without {@code node} on the PATH, unless
 * {@code CLIENTELE_REQUIRE_NODE=1} (set by {@code .ci/run} when node exists) makes that a failure.
 */
class McpTypeScriptClientIT {
    private static final Path NODE_DIR = Path.of(System.getProperty("basedir", ".")).resolve("src/test/node");

    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    private record Finished(int exitCode, String stdout, String stderr) {}

    /** Checked before each test, not once for the class, so a skip shows as skipped tests in the report. */
    @BeforeEach
    void nodeWithTheSdkInstalled() throws Exception {
        boolean node = available("node");
        if (!node && "1".equals(System.getenv("CLIENTELE_REQUIRE_NODE"))) {
            fail("CLIENTELE_REQUIRE_NODE=1 but there is no node on the PATH");
        }
        assumeTrue(node, "node is not on the PATH (CLIENTELE_REQUIRE_NODE=1 makes this a failure)");
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules"))) {
            Finished install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
            assertThat(install.exitCode()).as("npm ci in %s:\n%s", NODE_DIR, install.stderr()).isZero();
        }
    }

    @Test
    void theTypeScriptSdkClientListsCreatesReadsAndGetsAValidationErrorOverStreamableHttp() throws Exception {
        JsonNode summary = client(List.of("http", api.base() + "/mcp"), Map.of("CLIENTELE_API_KEY", acme.apiKey()));

        assertSummary(summary);
    }

    @Test
    void theTypeScriptSdkClientListsCreatesReadsAndGetsAValidationErrorOverStdio() throws Exception {
        List<String> args = new ArrayList<>(List.of("stdio", McpServerProcess.java()));
        args.addAll(McpServerProcess.arguments());
        Map<String, String> env = new HashMap<>(McpServerProcess.environment());
        env.put("CLIENTELE_API_KEY", acme.apiKey());

        JsonNode summary = client(args, env);

        assertSummary(summary);
    }

    private void assertSummary(JsonNode summary) {
        List<String> operations = new ArrayList<>();
        api.get("/v1/ops").body().path("operations").forEach(op -> operations.add(op.path("name").asText()));
        assertThat(summary.at("/server/name").asText()).isEqualTo("clientele");
        assertThat(Nodes.texts(summary.path("tools"))).containsExactlyInAnyOrderElementsOf(operations);
        assertThat(summary.path("createCustomerSchemaClosed").asBoolean()).isTrue();
        assertThat(summary.at("/created/isError").asBoolean()).isFalse();
        assertThat(summary.at("/created/code").asInt()).isEqualTo(1);
        assertThat(summary.at("/got/isError").asBoolean()).isFalse();
        assertThat(summary.at("/got/firstName").asText()).isEqualTo("Grace");
        assertThat(summary.at("/got/lastName").asText()).isEqualTo("Hopper");
        assertThat(summary.at("/got/textMatchesStructured").asBoolean()).isTrue();
        assertThat(summary.at("/group/isError").asBoolean()).isFalse();
        assertThat(Nodes.texts(summary.at("/group/outputFields")))
                .containsExactly("api_call_id", "api_call_unix", "code", "customer_group_id", "result");
        assertThat(summary.at("/group/readBackName").asBoolean()).isTrue();
        assertThat(summary.at("/group/readBackMethod").asText()).isEqualTo("none");
        assertThat(summary.at("/invalid/isError").asBoolean()).isTrue();
        assertThat(summary.at("/invalid/hasStructuredContent").asBoolean()).isFalse();
        assertThat(summary.at("/invalid/type").asText()).isEqualTo("validation");
        assertThat(Nodes.texts(summary.at("/invalid/paths"))).contains("/nickname");
        String customerId = summary.at("/created/customerId").asText();
        assertThat(acme.ok("GetCustomer", Json.object().put("customer_id", customerId)).body()
                .at("/customer/last_name").asText()).isEqualTo("Hopper");
    }

    /** Runs the script and answers the JSON summary it prints as its last line. */
    private static JsonNode client(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "mcp-client.mjs"));
        command.addAll(args);
        Finished finished = run(command, env, 180);
        assertThat(finished.exitCode()).as("node mcp-client.mjs %s\nstderr:\n%s", args.getFirst(), finished.stderr()).isZero();
        List<String> lines = finished.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stdout of node mcp-client.mjs").isNotEmpty();
        return Json.read(lines.getLast());
    }

    private static Finished run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(NODE_DIR.toFile());
        builder.environment().remove("CLIENTELE_API_KEY");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish in " + timeoutSeconds + " s; stderr:\n" + stderr.getNow(""));
        }
        return new Finished(process.exitValue(), stdout.get(), stderr.get());
    }

    private static boolean available(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
