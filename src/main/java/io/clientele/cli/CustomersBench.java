package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.customer.Customers;
import io.clientele.platform.Database;
import io.clientele.platform.Json;
import io.clientele.tenant.Tenants;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads customers through {@code POST /v1/ops/CreateCustomers} (batches) or {@code CreateCustomer} (one
 * per call) over loopback HTTP with many concurrent clients, then reads random ones back with {@code GetCustomer}, one client and then many, and prints
 * throughput and latency percentiles (HdrHistogram, closed-loop clients).
 */
@Command(name = "customers", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Load customers through the operation path over real HTTP on loopback, then time GetCustomer.",
                "Starts an in-process Clientele (no rate limit) on a fresh temporary database unless "
                        + "--data-dir or --database-url is given; the temporary one is deleted afterwards unless --keep."})
public final class CustomersBench implements Callable<Integer> {
    private static final String HOST = "127.0.0.1";
    private static final Clock CLOCK = Clock.systemUTC();

    @Option(names = "--customers", defaultValue = "100000", description = "Customers to create (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--batch", defaultValue = "100", description = "Customers per call: more than 1 loads with CreateCustomers, 1 with CreateCustomer (default: ${DEFAULT-VALUE}; at most " + Customers.MAX_BATCH + ").")
    int batch;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients (virtual threads) for the load and the concurrent read pass (default: ${DEFAULT-VALUE}; on 2 cores 16 did best of 16, 32 and 64).")
    int concurrency;

    @Option(names = "--reads", defaultValue = "20000", description = "GetCustomer calls on random customers per read pass (default: ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--warmup", defaultValue = "2000", description = "GetCustomer calls before the measured reads, not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic customers and of the read order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchServerOptions server;

    @Spec
    CommandSpec spec;

    /** Everything a run measured. */
    record Results(BenchHarness.Pass load, int createdCustomers, BenchHarness.Pass sequentialReads, BenchHarness.Pass concurrentReads, long unsealedAfterLoad,
                   double sealSeconds, List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > Customers.MAX_BATCH) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be between 1 and " + Customers.MAX_BATCH + " (got " + batch + ").");
        }
        return BenchHarness.run(spec, server, harness -> {
            double loadBefore = MachineInfo.loadAverage();
            Results results = runOn(harness);
            printSummary(System.out, harness, results, loadBefore, MachineInfo.loadAverage());
            return 0;
        });
    }

    /** Runs the workload against a running instance (a new tenant of it) and returns the figures. */
    Results runOn(Clientele app) throws InterruptedException {
        return runOn(new BenchHarness(app));
    }

    private Results runOn(BenchHarness harness) throws InterruptedException {
        Clientele app = harness.app();
        Tenants.NewTenant tenant = app.tenants().createTenant("Bench " + CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
        HttpOperationClient client = new HttpOperationClient(HOST, app.port(), tenant.apiKey());
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

        byte[][] bodies = generate();
        String[] ids = new String[customers];
        BenchHarness.Pass load = batch <= 1
                ? harness.run("CreateCustomer", "Creating", concurrency, customers, 1, client, errorSamples, n -> bodies[n],
                        (n, answer) -> ids[n] = Json.read(answer.text()).path("customer_id").asText(null), "CreateCustomer")
                : harness.run("CreateCustomers x" + batch, "Creating", concurrency, (customers + batch - 1) / batch, batch, client,
                        errorSamples, n -> BenchPasses.batchBody(bodies, n * batch, Math.min(customers, (n + 1) * batch)),
                        (n, answer) -> {
                            int i = n * batch;
                            for (var id : Json.read(answer.text()).path("customer_ids")) ids[i++] = id.asText();
                        }, "CreateCustomers");
        // Whatever the sealer has not caught up with yet, sealed now, so it does not run during the reads.
        long sealStarted = System.nanoTime();
        long unsealed = app.sealer().seal(tenant.tenantId());
        double sealSeconds = (System.nanoTime() - sealStarted) / 1e9;

        List<String> created = new ArrayList<>(customers);
        for (String id : ids) if (id != null) created.add(id);
        if (created.isEmpty()) {
            return new Results(load, 0, null, null, unsealed, sealSeconds, List.copyOf(errorSamples));
        }
        Random pick = new Random(seed ^ 0x5DEECE66DL);
        IntFunction<byte[]> randomRead = n -> readBody(created.get(pick(pick, created.size())));
        harness.run("GetCustomer warm-up", "Warming up", concurrency, warmup, 1, client, errorSamples, randomRead, null, "GetCustomer");
        BenchHarness.Pass sequential = harness.run("GetCustomer sequential", "Reading (1 client)", 1, reads, 1, client, errorSamples, randomRead, null, "GetCustomer");
        BenchHarness.Pass concurrent = harness.run("GetCustomer concurrent", "Reading (" + concurrency + " clients)", concurrency, reads, 1, client,
                errorSamples, randomRead, null, "GetCustomer");
        return new Results(load, created.size(), sequential, concurrent, unsealed, sealSeconds, List.copyOf(errorSamples));
    }

    private static int pick(Random random, int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private static byte[] readBody(String customerId) {
        return ("{\"customer_id\":\"" + customerId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[][] generate() {
        SyntheticCustomers synthetic = new SyntheticCustomers(seed);
        byte[][] bodies = new byte[customers][];
        try (ProgressBar bar = BenchHarness.bar("Generating", customers)) {
            for (int n = 0; n < customers; n++) {
                bodies[n] = synthetic.next(n);
                bar.step();
            }
        }
        return bodies;
    }

    private void printSummary(PrintStream out, BenchHarness harness, Results r, double loadBefore, double loadAfter) {
        harness.printContext(out, "Clientele bench: customers", server.poolSize, server.requestLog, seed, loadBefore, loadAfter);
        BenchHarness.row(out, "audit sealer", String.format(Locale.ROOT, "ran during the load; %,d rows left unsealed at its end, sealed in %.2f s",
                r.unsealedAfterLoad(), r.sealSeconds()));
        out.println();
        BenchHarness.printPasses(out, "customers", r.load(), r.sequentialReads(), r.concurrentReads());
        out.println();
        BenchHarness.printCpu(out, "customer", r.load(), r.sequentialReads(), r.concurrentReads());
        out.println();
        out.println("  targets (issue, 2 cores)");
        out.printf(Locale.ROOT, "    >= 2,000 creates/s                  %,.0f/s with %d clients, %d per call (second half of the load: %,.0f/s): %s%n",
                r.load().itemsPerSecond(), r.load().clients(), r.load().itemsPerCall(), r.load().secondHalfPerSecond(),
                r.load().itemsPerSecond() >= 2000 ? "met" : "NOT met");
        if (r.sequentialReads() != null) {
            double p99 = BenchHarness.ms(r.sequentialReads().latency().getValueAtPercentile(99));
            out.printf(Locale.ROOT, "    GetCustomer p99 <= 10 ms            %.2f ms (1 client): %s%n", p99, p99 <= 10 ? "met" : "NOT met");
        }
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }
}
