package io.clientele.cli;

import io.clientele.platform.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A secret the service needs at start (admin token, audit key): from its environment variable, else
 * from its file in the data dir, else generated there with mode 0600.
 */
record LocalSecret(String value, String source, boolean generated, boolean fromEnvironment) {

    static LocalSecret resolve(Path dataDir, String envName, String fileName, String prefix) {
        String env = System.getenv(envName);
        if (env != null && !env.isBlank()) return new LocalSecret(env.strip(), envName, false, true);
        Path file = dataDir.resolve(fileName);
        try {
            if (Files.exists(file)) return new LocalSecret(Files.readString(file).strip(), file.toString(), false, false);
            Files.createDirectories(dataDir);
            String secret = prefix + Ids.random(43);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n");
            return new LocalSecret(secret, file.toString(), true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret from its environment variable or its file, without generating one. */
    static Optional<LocalSecret> existing(Path dataDir, String envName, String fileName) {
        String env = System.getenv(envName);
        if (env != null && !env.isBlank()) return Optional.of(new LocalSecret(env.strip(), envName, false, true));
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) return Optional.empty();
        try {
            return Optional.of(new LocalSecret(Files.readString(file).strip(), file.toString(), false, false));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static LocalSecret adminToken(Path dataDir) {
        return resolve(dataDir, "CLIENTELE_ADMIN_TOKEN", "admin-token", "cat_");
    }

    /** Keys the audit chain; keep it with (but not inside) the database and back it up. */
    static LocalSecret auditKey(Path dataDir) {
        return resolve(dataDir, "CLIENTELE_AUDIT_KEY", "audit-key", "");
    }

    /** The audit key a service already uses, for a second process on the same data; never a new one. */
    static Optional<LocalSecret> existingAuditKey(Path dataDir) {
        return existing(dataDir, "CLIENTELE_AUDIT_KEY", "audit-key");
    }
}
