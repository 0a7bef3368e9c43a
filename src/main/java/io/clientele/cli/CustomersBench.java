package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.customer.Customers;
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
import me.tongfei.progressbar.ProgressBar;
import org.HdrHistogram.Histogram;
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
    private static final String HOST = BenchHost.HOST;
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

    @Option(names = "--pool-size", defaultValue = "16", description = "Database connections of the application pool (default: ${DEFAULT-VALUE}, as serve).")
    int poolSize;

    @Option(names = "--request-log", description = "Keep the one-INFO-line-per-call request log on (default: off for the bench).")
    boolean requestLog;

    @Option(names = "--keep", description = "Keep the temporary data dir (its path is printed).")
    boolean keep;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    private BenchPasses passes = new BenchPasses(new CpuMeter(null));

    /** Everything a run measured. */
    record Results(BenchPasses.Pass load, int createdCustomers, BenchPasses.Pass sequentialReads,
                   BenchPasses.Pass concurrentReads, long unsealedAfterLoad, double sealSeconds, List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > Customers.MAX_BATCH) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be between 1 and " + Customers.MAX_BATCH + " (got " + batch + ").");
        }
        double loadBefore = MachineInfo.loadAverage();
        try (BenchHost host = BenchHost.start(spec, database, poolSize, keep, requestLog, CLOCK)) {
            passes = new BenchPasses(host.cpu());
            Results results = runOn(host.app());
            printSummary(System.out, host.app(), results, loadBefore, MachineInfo.loadAverage());
        }
        return 0;
    }

    /** Runs the workload against a running instance (a new tenant of it) and returns the figures. */
    Results runOn(Clientele app) throws InterruptedException {
        Tenants.NewTenant tenant = app.tenants().createTenant("Bench " + CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
        HttpOperationClient client = new HttpOperationClient(HOST, app.port(), tenant.apiKey());
        byte[][] bodies = generate();
        String[] ids = new String[customers];
        BenchPasses.Pass load = batch <= 1
                ? passes.run("CreateCustomer", "Creating", concurrency, customers, 1, n -> client.call("CreateCustomer", bodies[n]),
                        (n, answer) -> ids[n] = Json.read(answer.text()).path("customer_id").asText(null))
                : passes.run("CreateCustomers x" + batch, "Creating", concurrency, (customers + batch - 1) / batch, batch,
                        n -> client.call("CreateCustomers", BenchPasses.batchBody(bodies, n * batch, Math.min(customers, (n + 1) * batch))),
                        (n, answer) -> {
                            int i = n * batch;
                            for (var id : Json.read(answer.text()).path("customer_ids")) ids[i++] = id.asText();
                        });
        // Whatever the sealer has not caught up with yet, sealed now, so it does not run during the reads.
        long sealStarted = System.nanoTime();
        long unsealed = app.sealer().seal(tenant.tenantId());
        double sealSeconds = (System.nanoTime() - sealStarted) / 1e9;

        List<String> created = new ArrayList<>(customers);
        for (String id : ids) if (id != null) created.add(id);
        if (created.isEmpty()) {
            return new Results(load, 0, null, null, unsealed, sealSeconds, passes.errorSamples());
        }
        Random pick = new Random(seed ^ 0x5DEECE66DL);
        BenchPasses.Call randomRead = n -> client.call("GetCustomer", readBody(created.get(pick(pick, created.size()))));
        passes.run("GetCustomer warm-up", "Warming up", concurrency, warmup, 1, randomRead, null);
        BenchPasses.Pass sequential = passes.run("GetCustomer sequential", "Reading (1 client)", 1, reads, 1, randomRead, null);
        BenchPasses.Pass concurrent = passes.run("GetCustomer concurrent", "Reading (" + concurrency + " clients)", concurrency,
                reads, 1, randomRead, null);
        return new Results(load, created.size(), sequential, concurrent, unsealed, sealSeconds, passes.errorSamples());
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
        try (ProgressBar bar = BenchPasses.bar("Generating", customers)) {
            for (int n = 0; n < customers; n++) {
                bodies[n] = synthetic.next(n);
                bar.step();
            }
        }
        return bodies;
    }

    private void printSummary(PrintStream out, Clientele app, Results r, double loadBefore, double loadAfter) {
        BenchPasses.header(out, "customers", CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).toString(), app, poolSize,
                loadBefore, loadAfter);
        BenchPasses.row(out, "server", "in-process Javalin/Jetty (virtual threads) on " + HOST + ":" + app.port()
                + ", no rate limit, request log " + (requestLog ? "on (clientele.api INFO to stderr)" : "off (clientele.api at WARN)"));
        BenchPasses.row(out, "client", "java.net.http.HttpClient, HTTP/1.1 keep-alive, closed loop, seed " + seed);
        BenchPasses.row(out, "audit sealer", String.format(Locale.ROOT, "ran during the load; %,d rows left unsealed at its end, sealed in %.2f s",
                r.unsealedAfterLoad(), r.sealSeconds()));
        out.println();
        out.printf(Locale.ROOT, "  %-24s %7s %9s %8s %9s %11s %8s %8s %8s %8s %7s%n",
                "phase", "clients", "calls", "seconds", "calls/s", "customers/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        for (BenchPasses.Pass p : new BenchPasses.Pass[] {r.load(), r.sequentialReads(), r.concurrentReads()}) {
            if (p == null) continue;
            Histogram h = p.latency();
            out.printf(Locale.ROOT, "  %-24s %7d %,9d %8.1f %,9.0f %,11.0f %8.2f %8.2f %8.2f %8.2f %,7d%n",
                    p.name(), p.clients(), p.calls(), p.seconds(), p.perSecond(), p.itemsPerSecond(), BenchPasses.ms(h.getValueAtPercentile(50)),
                    BenchPasses.ms(h.getValueAtPercentile(90)), BenchPasses.ms(h.getValueAtPercentile(99)), BenchPasses.ms(h.getMaxValue()), p.errors());
        }
        out.println();
        out.printf(Locale.ROOT, "  %-24s %14s %14s %16s%n", "cpu per customer", "JVM us", "PostgreSQL us", "busy of cores");
        for (BenchPasses.Pass p : new BenchPasses.Pass[] {r.load(), r.sequentialReads(), r.concurrentReads()}) {
            if (p == null || p.calls() == 0) continue;
            String[] cpu = BenchPasses.cpuColumns(p);
            out.printf(Locale.ROOT, "  %-24s %14s %14s %16s%n", p.name(), cpu[0], cpu[1], cpu[2]);
        }
        out.println("  (JVM = bench clients and server together; the rest of \"busy\" up to 100% went to other processes or idle)");
        out.println();
        out.println("  targets (issue, 2 cores)");
        out.printf(Locale.ROOT, "    >= 2,000 creates/s                  %,.0f/s with %d clients, %d per call (second half of the load: %,.0f/s): %s%n",
                r.load().itemsPerSecond(), r.load().clients(), r.load().itemsPerCall(), r.load().secondHalfPerSecond(),
                r.load().itemsPerSecond() >= 2000 ? "met" : "NOT met");
        if (r.sequentialReads() != null) {
            double p99 = BenchPasses.ms(r.sequentialReads().latency().getValueAtPercentile(99));
            out.printf(Locale.ROOT, "    GetCustomer p99 <= 10 ms            %.2f ms (1 client): %s%n", p99, p99 <= 10 ? "met" : "NOT met");
        }
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }
}
