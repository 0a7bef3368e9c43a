package io.clientele.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.clientele.platform.Database;
import io.clientele.platform.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one embedded PostgreSQL of the test JVM, started on first use and migrated once. Tests isolate
 * themselves by creating their own tenants, which is also what production isolation rests on.
 */
public final class TestDatabase {
    /** The app role's password, fixed so a second process on this database (McpStdioIT) keeps it unchanged. */
    public static final String APP_PASSWORD = "test-app-password-" + Ids.random(12);
    private static Database database;

    private TestDatabase() {}

    public static synchronized Database get() {
        if (database == null) {
            try {
                Path dir = Files.createTempDirectory("clientele-test-db");
                database = Database.open(new Database.Options(dir, null, 24, APP_PASSWORD));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    database.close();
                    deleteQuietly(dir);
                }, "test-db-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    /** The owner's JDBC URL (with its user), for a second process that opens this database with --database-url. */
    public static String ownerJdbcUrl() {
        return ((HikariDataSource) get().ownerDataSource()).getJdbcUrl();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp dir is not worth failing the run for
        }
    }
}
