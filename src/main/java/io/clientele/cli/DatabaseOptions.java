package io.clientele.cli;

import io.clientele.platform.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The database options every command that opens the database shares (CONTRACT.md). */
public final class DatabaseOptions {
    @Option(names = "--data-dir", defaultValue = "./data", description = "Where the embedded database and the admin token live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", description = "An external PostgreSQL, e.g. postgresql://user:pass@host:5432/clientele (or DATABASE_URL). Without it, the embedded PostgreSQL is used.")
    String databaseUrl;

    public Path dataDir() {
        return dataDir;
    }

    public Database.Options toOptions() {
        String url = databaseUrl != null ? databaseUrl : System.getenv("DATABASE_URL");
        return new Database.Options(dataDir, url);
    }
}
