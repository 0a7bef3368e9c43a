package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.tenant.Tenants;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A bench's data set kept in a data dir ({@code --data-dir}), so the next bench run, or another bench ({@code bench
 * groups}, {@code bench search}), reuses it instead of loading a million customers again. It lives in
 * {@code <data-dir>/bench/<name>.properties} (mode 0600: it holds an API key of the tenant) beside
 * {@code <name>.customer-ids} (one customer id per line, written once the load completed). It is written when a
 * load starts, so an interrupted load is resumed by the next run rather than started again in a new tenant.
 *
 * <p>{@code bench commerce} keeps its data set as {@link #COMMERCE}: to reuse it, open the data dir with
 * {@link #open}; {@link #facts} says what was loaded (customers, records, seed).
 */
public record BenchTenant(String name, String tenantId, String apiKey, Map<String, String> facts, Path customerIdsFile,
                          boolean complete) {
    /** The tenant (and data set) of {@code bench commerce}. */
    public static final String COMMERCE = "bench-commerce";

    /** A new tenant named {@code name}, not yet saved (see {@link #save}). */
    public static BenchTenant create(Clientele app, String name) {
        Tenants.NewTenant tenant = app.tenants().createTenant(name);
        return new BenchTenant(name, tenant.tenantId().value(), tenant.apiKey(), Map.of(), null, false);
    }

    /**
     * The data set {@code name} of {@code dataDir} when its key still opens its tenant and its facts include
     * {@code expected} (empty: any); otherwise empty, with the reason on {@code why}. {@link #complete} says whether
     * its load finished: an unfinished one is resumed by sending its batches again (they are idempotent).
     */
    public static Optional<BenchTenant> open(Clientele app, Path dataDir, String name, Map<String, String> expected,
                                             StringBuilder why) {
        Path file = propertiesFile(dataDir, name);
        if (!Files.exists(file)) {
            why.append("no ").append(name).append(" data set in ").append(dataDir);
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> facts = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("fact.")).forEach(k -> facts.put(k.substring(5), p.getProperty(k)));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(facts.get(e.getKey()))) {
                why.append("the ").append(name).append(" data set in ").append(dataDir).append(" has ").append(e.getKey()).append('=')
                        .append(facts.get(e.getKey())).append(", not ").append(e.getValue());
                return Optional.empty();
            }
        }
        String tenantId = p.getProperty("tenant_id");
        String apiKey = p.getProperty("api_key");
        boolean opens = app.tenants().authenticate(apiKey).map(owner -> owner.tenant().value().equals(tenantId)).orElse(false);
        if (!opens) {
            why.append("the key saved for the ").append(name).append(" data set no longer opens tenant ").append(tenantId)
                    .append(" (another database?)");
            return Optional.empty();
        }
        return Optional.of(new BenchTenant(name, tenantId, apiKey, Map.copyOf(facts), idsFile(dataDir, name),
                Boolean.parseBoolean(p.getProperty("complete", "false"))));
    }

    /**
     * Records the data set in {@code dataDir}: this tenant, its key and {@code facts}; with {@code customerIds} (the
     * load completed) also the ids, marked complete; with null, as a load under way that a later run resumes.
     */
    public BenchTenant save(Path dataDir, Map<String, String> loadedFacts, List<String> customerIds) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve("bench"));
            Path ids = idsFile(dataDir, name);
            if (customerIds != null) Files.write(ids, customerIds, StandardCharsets.UTF_8);
            Properties p = new Properties();
            p.setProperty("name", name);
            p.setProperty("tenant_id", tenantId);
            p.setProperty("api_key", apiKey);
            p.setProperty("complete", Boolean.toString(customerIds != null));
            loadedFacts.forEach((k, v) -> p.setProperty("fact." + k, v));
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "A completed bench load; see BenchTenant. Holds an API key of the tenant.");
            }
            Files.move(tmp, propertiesFile(dataDir, name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new BenchTenant(name, tenantId, apiKey, Map.copyOf(loadedFacts), ids, customerIds != null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the bench data set in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The loaded customers' ids (all of them, in load order). */
    public List<String> customerIds() {
        try {
            return Files.readAllLines(customerIdsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + customerIdsFile + ": " + e.getMessage(), e);
        }
    }

    private static Path propertiesFile(Path dataDir, String name) {
        return dataDir.resolve("bench").resolve(name + ".properties");
    }

    private static Path idsFile(Path dataDir, String name) {
        return dataDir.resolve("bench").resolve(name + ".customer-ids");
    }

    @Override
    public String toString() {
        return "BenchTenant[" + name + ", tenant " + tenantId + ", " + facts + "]"; // never the key
    }
}
