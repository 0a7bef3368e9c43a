package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.mcp.McpStdio;
import io.clientele.platform.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./clientele mcp}: MCP over stdio for a desktop client, as the tenant of {@code CLIENTELE_API_KEY}.
 * Standard output carries the protocol and nothing else; every other line goes to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Serve MCP over stdio to one client (a desktop app), as the tenant of CLIENTELE_API_KEY.",
        footer = {"", "Opens the database like serve. An embedded data dir that serve has open cannot be opened",
                "again: connect the client to serve's http://<host>:<port>/mcp instead. With --database-url, set",
                "CLIENTELE_APP_DB_PASSWORD, and CLIENTELE_AUDIT_KEY unless --data-dir holds serve's audit-key,",
                "to the values serve uses."})
public final class McpCommand implements Callable<Integer> {
    static final String API_KEY_ENV = "CLIENTELE_API_KEY";

    @Option(names = "--rate-limit", defaultValue = "1000", description = "Calls per second allowed, bursts to twice that; 0 for none (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream protocol = System.out;
        PrintStream err = System.err;
        System.setOut(err);

        String apiKey = System.getenv(API_KEY_ENV);
        if (apiKey == null || apiKey.isBlank()) {
            err.println("clientele mcp: " + API_KEY_ENV + " is not set. Set it to the tenant's API key (ck_...), which"
                    + " POST /admin/v1/tenants answers when the tenant is created.");
            return 2;
        }
        Database.Options options = database.toOptions();
        if (!options.external() && Database.embeddedInUse(database.dataDir())) {
            err.println(inUse());
            return 2;
        }
        if (options.external() && System.getenv("CLIENTELE_APP_DB_PASSWORD") == null) {
            err.println("clientele mcp: with an external database, set CLIENTELE_APP_DB_PASSWORD, the same value serve uses"
                    + " there. Without it, starting mcp would give the clientele_app role a new password and lock a running"
                    + " serve out of its database.");
            return 2;
        }
        Optional<LocalSecret> auditKey = LocalSecret.existingAuditKey(database.dataDir());
        if (auditKey.isEmpty()) {
            err.println("clientele mcp: no audit key in " + database.dataDir().resolve("audit-key") + " and CLIENTELE_AUDIT_KEY"
                    + " is not set. mcp records changes in the audit chain of the service on this database, so it needs that"
                    + " service's key: point --data-dir at serve's data dir, or set CLIENTELE_AUDIT_KEY.");
            return 2;
        }

        Clientele app;
        try {
            app = Clientele.startWithoutHttp(options, auditKey.get().value(), rateLimit, Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println(!options.external() && Database.embeddedInUse(database.dataDir()) ? inUse()
                    : "clientele mcp: could not open the database: " + e.getMessage());
            return 1;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) app.close();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "shutdown"));
        try {
            Optional<McpStdio> stdio = app.mcpStdio(apiKey.strip());
            if (stdio.isEmpty()) {
                err.println("clientele mcp: " + API_KEY_ENV + " is not a valid API key in " + app.database().description()
                        + ". Check the key, and that --data-dir or --database-url name the database it was created in.");
                return 2;
            }
            err.println("Clientele " + Clientele.VERSION + " MCP server on stdio; database: " + app.database().description());
            stdio.get().serve(System.in, protocol);
            return 0;
        } finally {
            close.run();
        }
    }

    private String inUse() {
        return "clientele mcp: the embedded database in " + database.dataDir() + " is already open in another process"
                + " (probably ./clientele serve), and an embedded database serves one process at a time. Connect the MCP"
                + " client to the running service over HTTP instead: URL http://127.0.0.1:8080/mcp (serve's host and port)"
                + " with the header 'Authorization: Bearer <api key>'. Or stop serve and run mcp again.";
    }
}
