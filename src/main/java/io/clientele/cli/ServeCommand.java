package io.clientele.cli;

import io.clientele.Clientele;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the service (HTTP API, admin API).")
public final class ServeCommand implements Runnable {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--rate-limit", defaultValue = "1000", description = "Calls per second allowed per API key, bursts to twice that; 0 for none (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Mixin
    DatabaseOptions database;

    @Override
    public void run() {
        AdminToken token = AdminToken.resolve(database.dataDir());
        System.out.println("Starting Clientele " + Clientele.VERSION + "...");
        Clientele app = Clientele.start(database.toOptions(),
                new Clientele.Settings(host, port, token.value(), rateLimit, false), Clock.systemUTC());
        String url = "http://" + host + ":" + app.port();
        System.out.println("Clientele is running at " + url);
        System.out.println("Database: " + app.database().description());
        if (token.generated()) {
            System.out.println("Admin token (shown once, also in " + token.source() + "): " + token.value());
        } else {
            System.out.println("Admin token: from " + token.source());
        }
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

    /** The admin token: CLIENTELE_ADMIN_TOKEN, else the one in the data dir, else a new one written there (0600). */
    record AdminToken(String value, String source, boolean generated) {
        boolean fromEnvironment() {
            return source.equals("CLIENTELE_ADMIN_TOKEN");
        }

        static AdminToken resolve(Path dataDir) {
            String env = System.getenv("CLIENTELE_ADMIN_TOKEN");
            if (env != null && !env.isBlank()) return new AdminToken(env.strip(), "CLIENTELE_ADMIN_TOKEN", false);
            Path file = dataDir.resolve("admin-token");
            try {
                if (Files.exists(file)) return new AdminToken(Files.readString(file).strip(), file.toString(), false);
                Files.createDirectories(dataDir);
                String token = "cat_" + io.clientele.platform.Ids.random(40);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n");
                return new AdminToken(token, file.toString(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read or create " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
