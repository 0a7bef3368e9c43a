package io.clientele.cli;

import io.clientele.Clientele;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service (HTTP API, MCP at /mcp, admin API).")
public final class ServeCommand implements Runnable {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rate-limit", defaultValue = "1000", description = "Calls per second allowed per API key, bursts to twice that; 0 for none (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--mcp-allowed-host", paramLabel = "HOST", description = {
            "A host name MCP clients may reach /mcp by, besides localhost, 127.0.0.1, [::1] and --host (repeatable).",
            "'name' allows any port, 'name:port' that port; checked against the Host and Origin headers."})
    List<String> mcpAllowedHosts = new ArrayList<>();

    @Mixin
    DatabaseOptions database;

    @Override
    public void run() {
        LocalSecret token = LocalSecret.adminToken(database.dataDir());
        LocalSecret auditKey = LocalSecret.auditKey(database.dataDir());
        System.out.println("Starting Clientele " + Clientele.VERSION + "...");
        Clientele app = Clientele.start(database.toOptions(),
                new Clientele.Settings(host, port, token.value(), auditKey.value(), rateLimit, false, mcpAllowedHosts), Clock.systemUTC());
        String url = "http://" + host + ":" + app.port();
        System.out.println("Clientele is running at " + url + " (MCP: " + url + "/mcp)");
        System.out.println("Database: " + app.database().description());
        if (token.generated()) {
            System.out.println("Admin token (shown once, also in " + token.source() + "): " + token.value());
        } else {
            System.out.println("Admin token: from " + token.source());
        }
        System.out.println("Audit key: " + (auditKey.generated() ? "new, in " : "from ") + auditKey.source()
                + " (back it up; without it the audit chain cannot be verified)");
        String bearer = token.fromEnvironment() ? "$CLIENTELE_ADMIN_TOKEN" : "$(cat " + token.source() + ")";
        System.out.println("Create a tenant:");
        System.out.println("  curl -s -X POST " + url + "/admin/v1/tenants -H \"Authorization: Bearer " + bearer
                + "\" -H 'Content-Type: application/json' -d '{\"name\":\"Acme\"}'");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
