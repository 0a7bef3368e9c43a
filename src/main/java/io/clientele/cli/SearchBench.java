package io.clientele.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.Clientele;
import io.clientele.customer.Customers;
import io.clientele.platform.Json;
import io.clientele.platform.TenantId;
import io.clientele.tenant.Tenants;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads customers (with metadata on some) into one tenant, or spread over many tenants sharing the table,
 * through {@code CreateCustomers} and {@code InsertMetadata} over loopback HTTP, then times, one client at a
 * time, {@code SearchCustomers} for what support types (an exact email, a name with a misspelled surname, the
 * last digits of a phone in another format, a metadata value) and the duplicate checks (CreateCustomer with
 * {@code match: "find_or_create"}, FindDuplicateCustomers), each built from a real loaded customer.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Load customers, then time SearchCustomers and duplicate checks over real HTTP on loopback.",
                "With --data-dir, a data set loaded by an earlier run with the same --customers, --tenants, "
                        + "--metadata-percent and --seed is reused: only the timed passes run."})
public final class SearchBench implements Callable<Integer> {
    static final String WORKLOAD = "search";
    private static final Clock CLOCK = Clock.systemUTC();
    static final double SEARCH_TARGET_MS = 20;
    static final double DUPLICATE_TARGET_MS = 5;

    @Option(names = "--customers", defaultValue = "1000000", description = "Customers to load, over all tenants (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--tenants", defaultValue = "1", description = "Tenants sharing the table; customer n goes to tenant n mod this, searches run in the first (default: ${DEFAULT-VALUE}).")
    int tenants;

    @Option(names = "--metadata-percent", defaultValue = "5", description = "Share of customers given metadata with InsertMetadata (default: ${DEFAULT-VALUE}).")
    int metadataPercent;

    @Option(names = "--batch", defaultValue = "100", description = "Customers per CreateCustomers call (default: ${DEFAULT-VALUE}; at most " + Customers.MAX_BATCH + ").")
    int batch;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients for the load (default: ${DEFAULT-VALUE}); the timed passes use one client.")
    int concurrency;

    @Option(names = "--searches", defaultValue = "1000", description = "Timed calls per search kind and per duplicate check (default: ${DEFAULT-VALUE}).")
    int searches;

    @Option(names = "--warmup", defaultValue = "400", description = "Untimed calls of every kind before the timed passes (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reports", defaultValue = "5", description = "GetDuplicateCustomerReport pages of 100 pairs (min_confidence 70) timed in order, following next_cursor (default: ${DEFAULT-VALUE}).")
    int reports;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic customers and of the picks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchServerOptions server;

    @Spec
    CommandSpec spec;

    private BenchPasses passes = new BenchPasses(new CpuMeter(null));

    /** A timed pass and how many of its answers had the customer it was built from. */
    record Timed(BenchHarness.Pass pass, int found, int expected) {}

    /** How the data got there: loaded now (with its passes) or reused from an earlier run. */
    record Load(boolean reused, String tenantId, int tenantCustomers, BenchHarness.Pass customers, BenchHarness.Pass metadata,
                double analyzeSeconds) {}

    /** Everything a run measured. */
    record Results(Load load, List<Timed> searches, List<Timed> duplicateChecks, BenchHarness.Pass report,
                   List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > Customers.MAX_BATCH) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be between 1 and " + Customers.MAX_BATCH + " (got " + batch + ").");
        }
        if (tenants < 1 || customers < tenants) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--tenants must be at least 1 and at most --customers (got " + tenants + ").");
        }
        double loadBefore = MachineInfo.loadAverage();
        try (BenchHost host = BenchHost.start(spec, server, CLOCK)) {
            passes = new BenchPasses(host.cpu());
            Results results = runOn(host.app(), host.reusableDataDir() ? host.dataDir() : null);
            printSummary(System.out, host.app(), results, loadBefore, MachineInfo.loadAverage());
        }
        return 0;
    }

    /** The data set's shape: a run with another shape loads afresh. */
    String shape() {
        return String.format(Locale.ROOT, "customers=%d tenants=%d metadata_percent=%d seed=%d", customers, tenants,
                metadataPercent, seed);
    }

    /**
     * Loads (or, with {@code reuseDir} holding a data set of this shape, reuses) the customers, then runs the
     * timed passes in the first tenant.
     */
    Results runOn(Clientele app, Path reuseDir) throws InterruptedException {
        SyntheticCustomers synthetic = new SyntheticCustomers(seed);
        byte[][] bodies = generate(synthetic);
        Load load = null;
        String apiKey = null;
        if (reuseDir != null) {
            Optional<BenchDataset> dataset = BenchDataset.find(reuseDir, WORKLOAD, shape());
            Optional<String> key = dataset.flatMap(d -> d.newApiKey(app.tenants()));
            if (key.isPresent()) {
                System.err.println("Reusing the customers loaded earlier into tenant " + dataset.get().tenantId()
                        + " (" + shape() + "); delete " + reuseDir.resolve("bench-" + WORKLOAD + ".properties") + " to load afresh.");
                apiKey = key.get();
                load = new Load(true, dataset.get().tenantId(), tenantCustomers(0), null, null, 0);
            }
        }
        if (load == null) {
            List<Tenants.NewTenant> created = new ArrayList<>();
            String stamp = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            for (int t = 0; t < tenants; t++) created.add(app.tenants().createTenant("Bench search " + stamp + " #" + (t + 1)));
            load = load(app, created, bodies, synthetic);
            apiKey = created.getFirst().apiKey();
            if (reuseDir != null) new BenchDataset(WORKLOAD, shape(), load.tenantId()).save(reuseDir);
        }
        HttpOperationClient client = new HttpOperationClient(BenchHost.HOST, app.port(), apiKey);
        Terms terms = new Terms(bodies, synthetic);

        // Untimed: the JIT and PostgreSQL's caches see every kind of call first.
        for (Kind kind : Kind.values()) {
            passes.run(kind.label + " warm-up", "Warming up " + kind.label, 1, warmup, 1,
                    n -> client.call(kind.operation, terms.body(kind, n + searches)), null);
        }
        List<Timed> searchPasses = new ArrayList<>();
        List<Timed> duplicatePasses = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            AtomicInteger found = new AtomicInteger();
            BenchHarness.Pass pass = passes.run(kind.label, kind.label, 1, searches, 1,
                    n -> client.call(kind.operation, terms.body(kind, n)),
                    (n, answer) -> {
                        if (terms.found(kind, n, Json.read(answer.text()))) found.incrementAndGet();
                    });
            (kind.search ? searchPasses : duplicatePasses).add(new Timed(pass, found.get(), searches));
        }
        // The report's pages in order (one client), each call sending the previous page's next_cursor.
        java.util.concurrent.atomic.AtomicReference<String> cursor = new java.util.concurrent.atomic.AtomicReference<>();
        BenchHarness.Pass report = passes.run("GetDuplicateCustomerReport, pages", "Duplicate report", 1, reports, 1,
                n -> {
                    ObjectNode body = Json.object().put("min_confidence", 70).put("limit", 100);
                    if (cursor.get() != null) body.put("cursor", cursor.get());
                    return client.call("GetDuplicateCustomerReport", Json.write(body).getBytes(StandardCharsets.UTF_8));
                },
                (n, answer) -> {
                    JsonNode next = Json.read(answer.text()).path("next_cursor");
                    cursor.set(next.isTextual() ? next.asText() : null);
                });
        return new Results(load, searchPasses, duplicatePasses, report, passes.errorSamples());
    }

    /** Customers of tenant {@code t}: those whose number is t modulo the tenant count. */
    private int tenantCustomers(int t) {
        return customers / tenants + (t < customers % tenants ? 1 : 0);
    }

    private Load load(Clientele app, List<Tenants.NewTenant> created, byte[][] bodies, SyntheticCustomers synthetic)
            throws InterruptedException {
        List<HttpOperationClient> clients = created.stream()
                .map(t -> new HttpOperationClient(BenchHost.HOST, app.port(), t.apiKey())).toList();
        // Call k loads the k-th batch of one tenant; the tenants take turns so all of them grow together.
        int perTenantCalls = (tenantCustomers(0) + batch - 1) / batch;
        List<int[]> calls = new ArrayList<>(); // {tenant, first index within the tenant}
        for (int k = 0; k < perTenantCalls; k++) {
            for (int t = 0; t < tenants; t++) {
                if (k * batch < tenantCustomers(t)) calls.add(new int[] {t, k * batch});
            }
        }
        String[] ids = new String[customers];
        BenchHarness.Pass customerPass = passes.run("CreateCustomers x" + batch, "Creating", concurrency, calls.size(), batch,
                n -> {
                    int[] c = calls.get(n);
                    return clients.get(c[0]).call("CreateCustomers", batchOf(bodies, c[0], c[1]));
                },
                (n, answer) -> {
                    int[] c = calls.get(n);
                    int i = c[1];
                    for (JsonNode id : Json.read(answer.text()).path("customer_ids")) ids[(i++) * tenants + c[0]] = id.asText();
                });
        List<Integer> withMetadata = new ArrayList<>();
        for (int n = 0; n < customers; n++) {
            if (ids[n] != null && !synthetic.metadata(n, metadataPercent).isEmpty()) withMetadata.add(n);
        }
        // One small transaction per call: more clients share each WAL flush (16 left the calls waiting on COMMIT).
        BenchHarness.Pass metadataPass = passes.run("InsertMetadata", "Metadata", concurrency * 4, withMetadata.size(), 1,
                k -> {
                    int n = withMetadata.get(k);
                    ObjectNode body = Json.object();
                    body.put("item_type", "customer");
                    body.put("item_id", ids[n]);
                    var array = body.putArray("metadata");
                    for (SyntheticCustomers.Metadata m : synthetic.metadata(n, metadataPercent)) {
                        array.addObject().put("name", m.name()).put("value", m.value());
                    }
                    return clients.get(n % tenants).call("InsertMetadata", Json.write(body).getBytes(StandardCharsets.UTF_8));
                }, null);
        System.err.println("Sealing the audit log and analyzing the tables...");
        for (Tenants.NewTenant t : created) app.sealer().seal(t.tenantId());
        long started = System.nanoTime();
        // A freshly loaded table has the statistics of the empty one it was: plan the timed passes on real ones.
        app.database().analyze();
        double analyzeSeconds = (System.nanoTime() - started) / 1e9;
        TenantId first = created.getFirst().tenantId();
        return new Load(false, first.value(), tenantCustomers(0), customerPass, metadataPass, analyzeSeconds);
    }

    /** {@code {"customers":[...]}} of up to one batch of tenant t's customers, from its {@code from}-th. */
    private byte[] batchOf(byte[][] bodies, int t, int from) {
        int to = Math.min(tenantCustomers(t), from + batch);
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"customers\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = from; i < to; i++) {
            if (i > from) out.write(',');
            out.writeBytes(bodies[i * tenants + t]);
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[][] generate(SyntheticCustomers synthetic) {
        byte[][] bodies = new byte[customers][];
        try (ProgressBar bar = BenchHarness.bar("Generating", customers)) {
            for (int n = 0; n < customers; n++) {
                bodies[n] = synthetic.next(n);
                bar.step();
            }
        }
        return bodies;
    }

    /** What is timed, in order: four searches, then the duplicate checks. */
    enum Kind {
        EMAIL("SearchCustomers, exact email", "SearchCustomers", true),
        SURNAME_TYPO("SearchCustomers, misspelled surname", "SearchCustomers", true),
        PHONE_DIGITS("SearchCustomers, phone's last digits", "SearchCustomers", true),
        METADATA("SearchCustomers, metadata value", "SearchCustomers", true),
        FIND_OR_CREATE_EXISTING("CreateCustomer find_or_create, same email", "CreateCustomer", false),
        FIND_DUPLICATES("FindDuplicateCustomers, new email", "FindDuplicateCustomers", false),
        FIND_OR_CREATE_NEW("CreateCustomer find_or_create, new email", "CreateCustomer", false);

        final String label;
        final String operation;
        final boolean search;

        Kind(String label, String operation, boolean search) {
            this.label = label;
            this.operation = operation;
            this.search = search;
        }
    }

    /**
     * The calls of every kind, each built from a loaded customer of the first tenant picked at random (the
     * same picks for the same seed), and whether an answer has that customer.
     */
    private final class Terms {
        private final byte[][] bodies;
        private final SyntheticCustomers synthetic;
        private final String runStamp = Long.toString(CLOCK.millis(), 36);
        private final java.util.Map<Kind, List<ObjectNode>> targets = new java.util.EnumMap<>(Kind.class);

        Terms(byte[][] bodies, SyntheticCustomers synthetic) {
            this.bodies = bodies;
            this.synthetic = synthetic;
            Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
            int needed = searches + warmup;
            for (Kind kind : Kind.values()) {
                List<ObjectNode> picked = new ArrayList<>(needed);
                Predicate<ObjectNode> usable = switch (kind) {
                    case PHONE_DIGITS -> c -> c.hasNonNull("email") && phoneFragment(c.path("phone").asText("")) != null;
                    case SURNAME_TYPO, FIND_DUPLICATES, FIND_OR_CREATE_NEW -> c -> c.hasNonNull("email")
                            && c.path("last_name").asText("").length() >= 4;
                    default -> c -> c.hasNonNull("email");
                };
                int tries = 0;
                int perTenant = tenantCustomers(0);
                while (picked.size() < needed && tries++ < needed * 20) {
                    int n = random.nextInt(perTenant) * tenants;
                    ObjectNode c = (ObjectNode) Json.read(new String(bodies[n], StandardCharsets.UTF_8));
                    if (kind == Kind.METADATA) {
                        var meta = synthetic.metadata(n, metadataPercent);
                        if (meta.isEmpty()) continue;
                        c.put("_metadata", meta.getFirst().value());
                    }
                    if (!usable.test(c)) continue;
                    c.put("_n", n);
                    picked.add(c);
                }
                targets.put(kind, picked);
            }
        }

        byte[] body(Kind kind, int i) {
            List<ObjectNode> list = targets.get(kind);
            ObjectNode c = list.get(i % list.size());
            ObjectNode body = Json.object();
            switch (kind) {
                case EMAIL -> body.put("search_term", c.path("email").asText());
                case SURNAME_TYPO -> body.put("search_term", c.path("first_name").asText() + " "
                        + typo(c.path("last_name").asText(), new Random(seed + i)));
                case PHONE_DIGITS -> body.put("search_term", phoneFragment(c.path("phone").asText()));
                case METADATA -> body.put("search_term", c.path("_metadata").asText());
                case FIND_OR_CREATE_EXISTING -> {
                    body.setAll(c);
                    body.remove(List.of("_n", "_metadata"));
                    body.put("match", "find_or_create");
                }
                case FIND_DUPLICATES, FIND_OR_CREATE_NEW -> {
                    // The same person signing up again with another email: same name and address.
                    body.put("first_name", c.path("first_name").asText());
                    body.put("last_name", c.path("last_name").asText());
                    body.put("email", "bench." + runStamp + "." + kind.ordinal() + "." + i + "@example.net");
                    if (c.has("address")) body.set("address", c.get("address").deepCopy());
                    if (kind == Kind.FIND_OR_CREATE_NEW) body.put("match", "find_or_create");
                }
            }
            return Json.write(body).getBytes(StandardCharsets.UTF_8);
        }

        /** Whether the answer has the customer the call was built from (or, creating, suggests a duplicate). */
        boolean found(Kind kind, int i, JsonNode answer) {
            List<ObjectNode> list = targets.get(kind);
            String email = list.get(i % list.size()).path("email").asText();
            return switch (kind) {
                case FIND_OR_CREATE_EXISTING -> !answer.path("created").asBoolean(true);
                case FIND_OR_CREATE_NEW -> answer.path("created").asBoolean(false) && !answer.path("suggested_duplicates").isEmpty();
                case FIND_DUPLICATES -> contains(answer.path("candidates"), email);
                default -> contains(answer.path("customers"), email);
            };
        }

        private static boolean contains(JsonNode customers, String email) {
            for (JsonNode c : customers) if (email.equalsIgnoreCase(c.path("email").asText())) return true;
            return false;
        }
    }

    /** The surname with one typo: two neighbours swapped, a letter dropped, doubled or replaced (never the first). */
    static String typo(String name, Random random) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int i = 1 + random.nextInt(name.length() - 2);
            StringBuilder s = new StringBuilder(name);
            switch (random.nextInt(4)) {
                case 0 -> {
                    char a = s.charAt(i);
                    s.setCharAt(i, s.charAt(i + 1));
                    s.setCharAt(i + 1, a);
                }
                case 1 -> s.deleteCharAt(i);
                case 2 -> s.insert(i, s.charAt(i));
                default -> s.setCharAt(i, (char) ('a' + random.nextInt(26)));
            }
            if (!s.toString().equalsIgnoreCase(name)) return s.toString();
        }
        return name.substring(0, name.length() - 1);
    }

    /**
     * The last seven digits of a phone written another way than stored ("555.01.32"), or null when the phone
     * has too few digits or an extension.
     */
    static String phoneFragment(String phone) {
        if (phone.isBlank() || phone.toLowerCase(Locale.ROOT).contains("x")) return null;
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 8) return null;
        String last = digits.substring(digits.length() - 7);
        if (last.startsWith("0")) return null; // leading zeros are dropped from a term: too short then
        return last.substring(0, 3) + "." + last.substring(3, 5) + "." + last.substring(5);
    }

    private void printSummary(PrintStream out, Clientele app, Results r, double loadBefore, double loadAfter) {
        BenchPasses.header(out, WORKLOAD, CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).toString(), app, server.poolSize,
                loadBefore, loadAfter);
        BenchHarness.row(out, "data", String.format(Locale.ROOT, "%,d customers in %d tenant(s) sharing the table, %d%% with metadata, seed %d;"
                + " searched tenant %s holds %,d", customers, tenants, metadataPercent, seed, r.load().tenantId(), r.load().tenantCustomers()));
        BenchHarness.row(out, "load", r.load().reused()
                ? "reused from an earlier run on this data dir (not timed now)"
                : String.format(Locale.ROOT, "loaded now, then ANALYZE in %.1f s", r.load().analyzeSeconds()));
        BenchHarness.row(out, "client", "java.net.http.HttpClient, HTTP/1.1 keep-alive, closed loop; timed passes: 1 client, "
                + warmup + " untimed calls of each kind first");
        out.println();
        String format = "  %-44s %7s %8s %8s %8s %8s %8s %8s %7s %7s %9s %9s %9s%n";
        out.printf(Locale.ROOT, format, "phase", "clients", "calls", "calls/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "found",
                "JVM us", "PG us", "busy");
        List<BenchHarness.Pass> loadPasses = new ArrayList<>();
        if (r.load().customers() != null) loadPasses.add(r.load().customers());
        if (r.load().metadata() != null) loadPasses.add(r.load().metadata());
        for (BenchHarness.Pass p : loadPasses) line(out, format, p, "");
        for (Timed t : r.searches()) line(out, format, t.pass(), percent(t));
        for (Timed t : r.duplicateChecks()) line(out, format, t.pass(), percent(t));
        line(out, format, r.report(), "");
        if (!loadPasses.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "  loaded %,.0f customers/s (%,.0f/s in the second half) with %d clients, %d per call%n",
                    r.load().customers().itemsPerSecond(), r.load().customers().secondHalfPerSecond(), concurrency, batch);
        }
        out.println();
        out.println("  found: answers that had the customer the call was built from (for a find_or_create of a new email:");
        out.println("  that it was created and suggested as a duplicate)");
        out.println("  JVM us, PG us: CPU per call (per customer for the load) of the whole JVM (client and server) and of");
        out.println("  PostgreSQL; busy: their share of all cores during the pass (the rest went to other work or idled)");
        out.println();
        out.println("  targets (issue, 2 cores)");
        for (Timed t : r.searches()) target(out, t.pass(), SEARCH_TARGET_MS);
        for (Timed t : r.duplicateChecks()) target(out, t.pass(), DUPLICATE_TARGET_MS);
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }

    private static String percent(Timed t) {
        return t.expected() == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * t.found() / t.expected());
    }

    private static void line(PrintStream out, String format, BenchHarness.Pass p, String found) {
        String[] cpu = BenchPasses.cpuColumns(p);
        out.printf(Locale.ROOT, format, p.name(), p.clients(), String.format(Locale.ROOT, "%,d", p.calls()),
                String.format(Locale.ROOT, "%,.0f", p.perSecond()), fixed(p.percentileMs(50)), fixed(p.percentileMs(95)),
                fixed(p.percentileMs(99)), fixed(BenchHarness.ms(p.latency().getMaxValue())), Long.toString(p.errors()), found,
                cpu[0], cpu[1], cpu[2]);
    }

    private static void target(PrintStream out, BenchHarness.Pass p, double targetMs) {
        double p95 = p.percentileMs(95);
        out.printf(Locale.ROOT, "    %-44s p95 %7.2f ms <= %.0f ms: %s%n", p.name(), p95, targetMs,
                p.calls() > 0 && p95 <= targetMs ? "met" : "NOT met");
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
