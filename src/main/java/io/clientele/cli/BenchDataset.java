package io.clientele.cli;

import io.clientele.operation.Scope;
import io.clientele.platform.TenantId;
import io.clientele.tenant.Tenants;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;

/**
 * A data set a bench loaded into a {@code --data-dir}, recorded in {@code <data-dir>/bench-<workload>.properties}
 * once its load finished, so a later run on the same dir with the same shape skips the load and only times.
 * The shape is everything that decides what was loaded (seed, counts, ...), as one string; a different
 * shape is a different data set, loaded afresh into a new tenant.
 */
record BenchDataset(String workload, String shape, String tenantId) {

    /** The data set of this workload and shape recorded in the dir, if any. */
    static Optional<BenchDataset> find(Path dataDir, String workload, String shape) {
        Path file = file(dataDir, workload);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        if (!shape.equals(p.getProperty("shape")) || p.getProperty("tenant_id") == null) return Optional.empty();
        return Optional.of(new BenchDataset(workload, shape, p.getProperty("tenant_id")));
    }

    /** Records the data set (replacing an earlier one of the workload); call only once its load has finished. */
    void save(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("shape", shape);
        p.setProperty("tenant_id", tenantId);
        Path file = file(dataDir, workload);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            p.store(out, "Loaded by ./clientele bench " + workload + "; delete this file to load afresh");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + partial + ": " + e.getMessage(), e);
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new API key for the data set's tenant; empty when the tenant is not in this database. */
    Optional<String> newApiKey(Tenants tenants) {
        return tenants.createApiKey(new TenantId(tenantId), EnumSet.allOf(Scope.class));
    }

    private static Path file(Path dataDir, String workload) {
        return dataDir.resolve("bench-" + workload + ".properties");
    }
}
