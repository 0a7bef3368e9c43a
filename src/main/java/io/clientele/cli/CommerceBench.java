package io.clientele.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.Clientele;
import io.clientele.platform.Json;
import io.clientele.platform.TenantId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads customers and their commerce history through {@code ImportCommerceHistory} (bulk, up to 500 records
 * a call) over loopback HTTP with concurrent clients, then times single {@code CreateSale} writes and
 * {@code GetCustomer} (the full 360 profile), and prints the figures against issue 4's targets. With
 * {@code --data-dir}, a completed load is kept ({@link BenchTenant#COMMERCE}) and the next run with the same
 * sizes skips the load and runs only the timed passes.
 */
@Command(name = "commerce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Import customers and commerce history through ImportCommerceHistory over real HTTP on loopback, then time "
                        + "CreateSale and GetCustomer (the 360 profile).",
                "With --data-dir the loaded data set is kept, and a later run with the same --customers, --records and --seed "
                        + "reuses it (only the timed passes run). Without it, a temporary database is used and deleted "
                        + "afterwards unless --keep."})
public final class CommerceBench implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "1000000", description = "Customers to import (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--records", defaultValue = "10000000", description = "Commerce records to import among them: sales (with their product lines) and refunds (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients for the load and the concurrent read pass (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--sales", defaultValue = "2000", description = "Single CreateSale calls timed, one client, after a tenth as many unmeasured (default: ${DEFAULT-VALUE}).")
    int sales;

    @Option(names = "--reads", defaultValue = "20000", description = "GetCustomer calls on random customers per read pass (default: ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--warmup", defaultValue = "2000", description = "GetCustomer calls before the measured reads, not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data set and of the read order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reload", description = "Load a new data set even when the data dir holds one of these sizes.")
    boolean reload;

    @Mixin
    BenchServerOptions server;

    @Spec
    CommandSpec spec;

    /** What the load did (null passes when the data set was reused). */
    record Load(BenchHarness.Pass pass, long customersSent, long recordsSent, long created, long unchanged, long matched,
                long[] byKind, int resent, int failed, double sealSeconds) {}

    /** An import call of 500 records can take long on a busy machine; a timed-out one is sent again (it is idempotent). */
    private static final java.time.Duration IMPORT_TIMEOUT = java.time.Duration.ofMinutes(5);
    private static final int RESENDS = 3;

    /** Everything a run measured. */
    record Results(String tenantId, boolean reused, String reuseNote, Load load, BenchHarness.Pass sales,
                   BenchHarness.Pass sequentialReads, BenchHarness.Pass concurrentReads, List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        return BenchHarness.run(spec, server, harness -> {
            double loadBefore = MachineInfo.loadAverage();
            Results results = runOn(harness);
            printSummary(System.out, harness, results, loadBefore, MachineInfo.loadAverage());
            return 0;
        });
    }

    /** The data set the timed passes run on: loaded now, resumed, or reused from --data-dir. */
    record Prepared(BenchTenant tenant, List<String> customerIds, boolean reused, String note, Load load) {}

    /**
     * Loads the data set, or reuses the one kept in --data-dir with these sizes: what {@code bench commerce}
     * times, and what {@code bench groups} qualifies customers on.
     */
    Prepared prepare(BenchHarness harness, ConcurrentLinkedQueue<String> errors) throws InterruptedException {
        Clientele app = harness.app();
        Path kept = harness.keptDataDir();
        Map<String, String> facts = facts();
        StringBuilder why = new StringBuilder();
        Optional<BenchTenant> existing = kept == null || reload ? Optional.empty()
                : BenchTenant.open(app, kept, BenchTenant.COMMERCE, facts, why);
        BenchTenant tenant;
        Load load = null;
        List<String> ids;
        String note;
        boolean reused = existing.isPresent() && existing.get().complete();
        if (reused) {
            tenant = existing.get();
            ids = tenant.customerIds();
            note = "reused the data set in " + kept + " (tenant " + tenant.tenantId() + ", " + tenant.facts() + "); --reload loads a new one";
            System.err.println("Reusing the " + BenchTenant.COMMERCE + " data set: " + tenant.facts());
        } else {
            boolean resumed = existing.isPresent();
            tenant = resumed ? existing.get() : BenchTenant.create(app, BenchTenant.COMMERCE);
            if (resumed) System.err.println("Resuming the unfinished load of tenant " + tenant.tenantId() + ": batches imported before answer unchanged");
            if (kept != null) tenant = tenant.save(kept, facts, null); // an interrupted load is resumed, not started again
            HttpOperationClient importer = new HttpOperationClient(BenchHarness.HOST, app.port(), tenant.apiKey(), IMPORT_TIMEOUT);
            CommerceHistoryBatches.Catalogue catalogue = catalogue(importer);
            String[] loaded = new String[customers];
            load = load(harness, importer, catalogue, loaded, errors);
            long sealStarted = System.nanoTime();
            app.sealer().seal(new TenantId(tenant.tenantId()));
            load = new Load(load.pass(), load.customersSent(), load.recordsSent(), load.created(), load.unchanged(), load.matched(),
                    load.byKind(), load.resent(), load.failed(), (System.nanoTime() - sealStarted) / 1e9);
            ids = Arrays.stream(loaded).filter(Objects::nonNull).toList();
            boolean complete = load.failed() == 0 && ids.size() == customers;
            String how = resumed ? "resumed (the earlier run's batches answered unchanged)" : "loaded";
            if (kept != null && complete) {
                tenant = tenant.save(kept, facts, ids);
                note = how + " and kept in " + kept + "; the next run with the same sizes reuses it: " + reuseCommand(kept);
            } else if (kept != null) {
                note = "the load is unfinished (" + load.failed() + " batches failed); run the same command again to resume it";
            } else {
                note = "not kept: give --data-dir DIR to keep the loaded data set and reuse it in later runs";
            }
            if (kept != null && !reload && !existing.isPresent() && !why.toString().startsWith("no ")) note += " [not reused: " + why + "]";
        }
        return new Prepared(tenant, ids, reused, note, load);
    }

    Results runOn(BenchHarness harness) throws InterruptedException {
        Clientele app = harness.app();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Prepared prepared = prepare(harness, errors);
        BenchTenant tenant = prepared.tenant();
        List<String> ids = prepared.customerIds();
        boolean reused = prepared.reused();
        String note = prepared.note();
        Load load = prepared.load();
        HttpOperationClient client = new HttpOperationClient(BenchHarness.HOST, app.port(), tenant.apiKey());
        if (ids.isEmpty()) return new Results(tenant.tenantId(), reused, note, load, null, null, null, List.copyOf(errors));
        Random pick = new Random(seed ^ 0x5DEECE66DL);

        List<byte[]> saleBodies = saleBodies(client, ids, pick, sales + sales / 10);
        harness.run("CreateSale warm-up", "Warming up sales", 1, sales / 10, 1, client, errors,
                n -> saleBodies.get(sales + n), null, "CreateSale");
        BenchHarness.Pass salePass = harness.run("CreateSale (single)", "Creating sales (1 client)", 1, sales, 1, client, errors,
                saleBodies::get, null, "CreateSale");

        IntFunction<byte[]> randomRead = n -> ("{\"customer_id\":\"" + ids.get(pick(pick, ids.size())) + "\"}").getBytes(StandardCharsets.UTF_8);
        harness.run("GetCustomer warm-up", "Warming up reads", concurrency, warmup, 1, client, errors, randomRead, null, "GetCustomer");
        BenchHarness.Pass sequential = harness.run("GetCustomer sequential", "Reading (1 client)", 1, reads, 1, client, errors,
                randomRead, null, "GetCustomer");
        BenchHarness.Pass concurrent = harness.run("GetCustomer concurrent", "Reading (" + concurrency + " clients)", concurrency,
                reads, 1, client, errors, randomRead, null, "GetCustomer");
        return new Results(tenant.tenantId(), reused, note, load, salePass, sequential, concurrent, List.copyOf(errors));
    }

    private Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("customers", Integer.toString(customers));
        facts.put("records", Long.toString(records));
        facts.put("seed", Long.toString(seed));
        facts.put("kinds", "customer,sale,refund");
        return facts;
    }

    private String reuseCommand(Path dir) {
        return "./clientele bench commerce --data-dir " + dir + " --customers " + customers + " --records " + records
                + (seed == 42 ? "" : " --seed " + seed);
    }

    /** The catalogue, upserted by internal id, so a second load of the same tenant finds the same items. */
    private CommerceHistoryBatches.Catalogue catalogue(HttpOperationClient client) throws InterruptedException {
        Random random = new Random(seed);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add(upsert(client, "UpsertProductGroup", Json.object().put("name", "Group " + (i + 1)).put("internal_id", "bench-grp-" + i),
                    "product_group_id"));
        }
        List<DemoHistory.DemoProduct> products = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigDecimal price = BigDecimal.valueOf(4 + random.nextInt(196)).add(new BigDecimal("0.99"));
            String id = upsert(client, "UpsertProduct", Json.object().put("name", "Product " + (i + 1)).put("sku", "BENCH-" + (10_000 + i))
                    .put("internal_id", "bench-prd-" + i).put("price", price).put("product_group_id", groups.get(random.nextInt(groups.size()))),
                    "product_id");
            products.add(new DemoHistory.DemoProduct(id, price));
        }
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            campaigns.add(upsert(client, "UpsertCampaign", Json.object().put("name", "Campaign " + (i + 1)).put("internal_id", "bench-cmp-" + i),
                    "campaign_id"));
        }
        List<String> shops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shops.add(upsert(client, "UpsertThirdPartyShop", Json.object().put("name", "Shop " + (i + 1)).put("internal_id", "bench-shop-" + i)
                    .put("url", "https://shop" + (i + 1) + ".example.com"), "third_party_shop_id"));
        }
        return new CommerceHistoryBatches.Catalogue(products, campaigns, shops);
    }

    private static String upsert(HttpOperationClient client, String operation, ObjectNode body, String idField) throws InterruptedException {
        try {
            HttpOperationClient.Answer answer = client.call(operation, Json.write(body).getBytes(StandardCharsets.UTF_8));
            if (answer.status() != 200) throw new IllegalStateException(operation + " failed: " + answer.text());
            return Json.read(answer.text()).path(idField).asText();
        } catch (IOException e) {
            throw new IllegalStateException(operation + " failed: " + e, e);
        }
    }

    /** Generates every batch into a temporary spool file, with a progress line; answers the file. */
    private static Path spool(CommerceHistoryBatches batches) {
        try {
            Path spool = Files.createTempFile("clientele-bench-commerce-", ".spool");
            long started = System.nanoTime();
            int step = Math.max(1, batches.batches() / 20);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 20))) {
                int n = 0;
                for (CommerceHistoryBatches.Batch b = batches.next(); b != null; b = batches.next()) {
                    writeBatch(out, b);
                    if (++n % step == 0 || n == batches.batches()) {
                        System.err.printf(Locale.ROOT, "\rGenerating the import's bodies before the clock: %,d of %,d calls", n, batches.batches());
                    }
                }
            } catch (IOException | RuntimeException e) {
                deleteQuietly(spool);
                throw e;
            }
            System.err.printf(Locale.ROOT, " (%.1f s, %,d MB spooled)%n", (System.nanoTime() - started) / 1e9, Files.size(spool) >> 20);
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the import's bodies to a temporary file", e);
        }
    }

    private static void writeBatch(DataOutputStream out, CommerceHistoryBatches.Batch b) throws IOException {
        out.writeInt(b.index());
        out.writeInt(b.firstCustomer());
        out.writeInt(b.customers());
        out.writeInt(b.records());
        out.writeInt(b.byKind().length);
        for (int k : b.byKind()) out.writeInt(k);
        out.writeInt(b.body().length);
        out.write(b.body());
    }

    private static CommerceHistoryBatches.Batch readBatch(DataInputStream in) throws IOException {
        int index = in.readInt();
        int first = in.readInt();
        int customers = in.readInt();
        int records = in.readInt();
        int[] byKind = new int[in.readInt()];
        for (int k = 0; k < byKind.length; k++) byKind[k] = in.readInt();
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new CommerceHistoryBatches.Batch(index, first, customers, records, byKind, body);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("Could not delete " + file + ": " + e.getMessage());
        }
    }

    /**
     * The import: the batches are generated first, before the clock, into a spool file (a customer's Datafaker
     * details and the JSON bodies cost about a fifth of the CPU of the import itself, which a real shop system
     * spends on its own machine); then one thread reads them back in order, a few ahead of the clients, and
     * {@code concurrency} clients send them.
     */
    private Load load(BenchHarness harness, HttpOperationClient client, CommerceHistoryBatches.Catalogue catalogue, String[] loaded,
                      ConcurrentLinkedQueue<String> errors) throws InterruptedException {
        CommerceHistoryBatches batches = new CommerceHistoryBatches(seed, customers, records, catalogue,
                BenchHarness.CLOCK.instant().truncatedTo(ChronoUnit.DAYS));
        Path spool = spool(batches);
        BlockingQueue<CommerceHistoryBatches.Batch> ready = new ArrayBlockingQueue<>(Math.max(4, concurrency * 2));
        // A batch that stands for "the spool could not be read": every client that takes one fails its pass.
        CommerceHistoryBatches.Batch unreadable = new CommerceHistoryBatches.Batch(-1, 0, 0, 0, new int[0], new byte[0]);
        java.util.concurrent.atomic.AtomicReference<IOException> readFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread generator = Thread.ofPlatform().name("bench-spool-reader").daemon().start(() -> {
            try {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 20))) {
                    for (int b = 0; b < batches.batches(); b++) ready.put(readBatch(in));
                } catch (IOException e) {
                    readFailure.set(e);
                    while (true) ready.put(unreadable); // until the pass has failed and this thread is interrupted
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicLong created = new AtomicLong();
        AtomicLong unchanged = new AtomicLong();
        AtomicLong matched = new AtomicLong();
        AtomicLong customersSent = new AtomicLong();
        AtomicLong recordsSent = new AtomicLong();
        long[] byKind = new long[CommerceHistoryBatches.Kind.values().length];
        int perCall = (int) Math.round(batches.customersPerBatch() * (1 + (double) records / customers));
        System.err.printf(Locale.ROOT, "Importing %,d customers and %,d commerce records in %,d calls of about %d records...%n",
                customers, records, batches.batches(), perCall);
        BenchHarness.Pass pass;
        java.util.concurrent.ConcurrentHashMap<Integer, CommerceHistoryBatches.Batch> pending = new java.util.concurrent.ConcurrentHashMap<>();
        BenchHarness.OnSuccess imported = (n, answer) -> {
            JsonNode out = Json.read(answer.text());
            created.addAndGet(out.path("created").asLong());
            unchanged.addAndGet(out.path("unchanged").asLong());
            matched.addAndGet(out.path("matched").asLong());
            for (JsonNode r : out.path("records")) {
                if (!r.path("kind").asText().equals("customer")) continue;
                int index = CommerceHistoryBatches.customerIndex(r.path("external_id").asText());
                if (index >= 0 && index < loaded.length) loaded[index] = r.path("id").asText();
            }
            pending.remove(n);
        };
        try {
            pass = harness.run("ImportCommerceHistory", "Importing", concurrency, batches.batches(), perCall, client, errors, n -> {
                try {
                    CommerceHistoryBatches.Batch b = ready.take();
                    if (b == unreadable) throw new UncheckedIOException("could not read the spooled batches back", readFailure.get());
                    pending.put(n, b);
                    customersSent.addAndGet(b.customers());
                    recordsSent.addAndGet(b.records());
                    synchronized (byKind) {
                        for (int k = 0; k < byKind.length; k++) byKind[k] += b.byKind()[k];
                    }
                    return b.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }, imported, "ImportCommerceHistory");
        } finally {
            generator.interrupt();
            deleteQuietly(spool);
        }
        // Failed calls (timeouts on a busy machine, a conflict with a call still running) are sent again, one at a
        // time, after the timed load: what a failed call did import answers unchanged.
        int resent = 0;
        for (int attempt = 0; attempt < RESENDS && !pending.isEmpty(); attempt++) {
            System.err.println("Sending " + pending.size() + " failed import calls again...");
            for (Map.Entry<Integer, CommerceHistoryBatches.Batch> e : List.copyOf(pending.entrySet())) {
                resent++;
                try {
                    HttpOperationClient.Answer answer = client.call("ImportCommerceHistory", e.getValue().body());
                    if (answer.status() == 200) imported.accept(e.getKey(), answer);
                    else BenchHarness.sample(errors, "ImportCommerceHistory (resent) -> HTTP " + answer.status() + ": " + answer.text());
                } catch (IOException ex) {
                    BenchHarness.sample(errors, "ImportCommerceHistory (resent) -> " + ex);
                }
            }
        }
        return new Load(pass, customersSent.get(), recordsSent.get(), created.get(), unchanged.get(), matched.get(), byKind,
                resent, pending.size(), 0);
    }

    /** CreateSale bodies for random loaded customers: a paid sale of one to three products, as the demo makes them. */
    List<byte[]> saleBodies(HttpOperationClient client, List<String> ids, Random pick, int count) throws InterruptedException {
        CommerceHistoryBatches.Catalogue catalogue = catalogue(client);
        List<byte[]> bodies = new ArrayList<>(count);
        Random random = new Random(seed + 99);
        Instant now = BenchHarness.CLOCK.instant();
        for (int i = 0; i < count; i++) {
            ObjectNode body = DemoHistory.sale(random, 0, i, now, false, catalogue.products(), catalogue.campaigns(),
                    catalogue.shops()).body();
            body.remove("external_id");
            body.remove("sold_at");
            body.put("status", "paid");
            body.put("customer_id", ids.get(pick(pick, ids.size())));
            bodies.add(Json.write(body).getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static int pick(Random random, int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    void printSummary(PrintStream out, BenchHarness harness, Results r, double loadBefore, double loadAfter) {
        harness.printContext(out, "Clientele bench: commerce", server.poolSize, server.requestLog, seed, loadBefore, loadAfter);
        BenchHarness.row(out, "data set", String.format(Locale.ROOT, "%,d customers, %,d commerce records (sales with product lines,"
                + " refunds), tenant %s named %s", customers, records, r.tenantId(), BenchTenant.COMMERCE));
        BenchHarness.row(out, "reuse", r.reuseNote());
        Load l = r.load();
        if (l != null) {
            BenchHarness.row(out, "imported", String.format(Locale.ROOT, "%,d customers and %,d records sent (%,d sales, %,d refunds);"
                            + " %,d created, %,d unchanged, %,d customers matched by email; %d failed calls sent again after the"
                            + " timed load, %d still failing; audit sealed after the load in %.2f s",
                    l.customersSent(), l.recordsSent(), l.byKind()[CommerceHistoryBatches.Kind.SALE.ordinal()],
                    l.byKind()[CommerceHistoryBatches.Kind.REFUND.ordinal()], l.created(), l.unchanged(), l.matched(), l.resent(), l.failed(),
                    l.sealSeconds()));
        }
        out.println();
        BenchHarness.printPasses(out, "items", l == null ? null : l.pass(), r.sales(), r.sequentialReads(), r.concurrentReads());
        out.println("  (items: about " + (l == null ? "-" : l.pass().itemsPerCall()) + " records per import call, 1 per other call)");
        out.println();
        BenchHarness.printCpu(out, "item", l == null ? null : l.pass(), r.sales(), r.sequentialReads(), r.concurrentReads());
        out.println();
        out.println("  targets (issue 4, 2 cores)");
        if (l != null) {
            double seconds = l.pass().seconds();
            double all = seconds > 0 ? (l.customersSent() + l.recordsSent()) / seconds : 0;
            double commerce = seconds > 0 ? l.recordsSent() / seconds : 0;
            out.printf(Locale.ROOT, "    >= 10,000 records/s bulk            %,.0f records/s (customers and commerce records; %,.0f commerce"
                    + " records/s), %d clients, lifetime value maintained: %s%n", all, commerce, l.pass().clients(), all >= 10_000 ? "met" : "NOT met");
        } else {
            out.println("    >= 10,000 records/s bulk            not measured: the data set was reused (run with --reload to load again)");
        }
        if (r.sales() != null) {
            out.printf(Locale.ROOT, "    single-sale write                   p50 %.2f ms, p99 %.2f ms (CreateSale, 1 client; no target)%n",
                    BenchHarness.ms(r.sales().latency().getValueAtPercentile(50)), BenchHarness.ms(r.sales().latency().getValueAtPercentile(99)));
        }
        if (r.sequentialReads() != null) {
            double p99 = BenchHarness.ms(r.sequentialReads().latency().getValueAtPercentile(99));
            out.printf(Locale.ROOT, "    GetCustomer p99 <= 10 ms            %.2f ms (1 client, %,d customers): %s%n", p99, customers,
                    p99 <= 10 ? "met" : "NOT met");
        }
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }
}
