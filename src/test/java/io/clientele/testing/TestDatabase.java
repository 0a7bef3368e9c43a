package io.clientele.testing;

import io.clientele.platform.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one embedded PostgreSQL of the test JVM, started on first use and migrated once. Tests isolate
 * themselves by creating their own tenants, which is also what production isolation rests on.
 */
public final class TestDatabase {
    private static Database database;

    private TestDatabase() {}

    public static synchronized Database get() {
        if (database == null) {
            try {
                Path dir = Files.createTempDirectory("clientele-test-db");
                database = Database.open(new Database.Options(dir, null, 24));
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

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp dir is not worth failing the run for
        }
    }
}
