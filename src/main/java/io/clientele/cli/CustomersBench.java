package io.clientele.cli;

import ch.qos.logback.classic.Level;
import io.clientele.Clientele;
import io.clientele.customer.Customers;
import io.clientele.platform.Database;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.tenant.Tenants;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;
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

    private CpuMeter cpu = new CpuMeter(null);

    /** One timed pass: how many calls, by how many clients, in how long, and their latencies. */
    record Pass(String name, int clients, long calls, int itemsPerCall, long errors, double seconds,
                double secondHalfSeconds, Histogram latency, CpuMeter.Sample cpu) {
        double perSecond() {
            return seconds > 0 ? (calls - errors) / seconds : 0;
        }

        /** Customers (or whatever a call carries) per second, counting successful calls only. */
        double itemsPerSecond() {
            return perSecond() * itemsPerCall;
        }

        /** Calls per second over the second half of the calls, when the JIT has long finished warming up. */
        double secondHalfPerSecond() {
            return secondHalfSeconds > 0 ? (double) (calls - calls / 2) * itemsPerCall / secondHalfSeconds : 0;
        }
    }

    /** Everything a run measured. */
    record Results(Pass load, int createdCustomers, Pass sequentialReads, Pass concurrentReads, long unsealedAfterLoad,
                   double sealSeconds, List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > Customers.MAX_BATCH) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be between 1 and " + Customers.MAX_BATCH + " (got " + batch + ").");
        }
        boolean external = database.toOptions().databaseUrl() != null && !database.toOptions().databaseUrl().isBlank();
        boolean explicitDir = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--data-dir");
        Path dataDir = external || explicitDir ? database.dataDir() : Files.createTempDirectory("clientele-bench-");
        boolean temporary = !external && !explicitDir;
        Database.Options options = new Database.Options(dataDir, database.toOptions().databaseUrl(), poolSize);
        double loadBefore = MachineInfo.loadAverage();
        System.err.println("Starting Clientele on " + (external ? "the external database" : dataDir) + "...");
        AtomicReference<Clientele> running = new AtomicReference<>();
        boolean delete = temporary && !keep;
        // Ctrl-C: stop the server and the database, and still delete the temporary data dir.
        Thread cleanup = new Thread(() -> stop(running, delete ? dataDir : null), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (RequestLogLevel ignored = RequestLogLevel.set(requestLog)) {
            Clientele app = Clientele.start(options, new Clientele.Settings(HOST, 0, Ids.random(40),
                    LocalSecret.auditKey(dataDir).value(), 0, false), CLOCK);
            running.set(app);
            cpu = new CpuMeter(external ? null : dataDir.toAbsolutePath().resolve("postgres"));
            Results results = runOn(app);
            printSummary(System.out, app, results, loadBefore, MachineInfo.loadAverage());
        } finally {
            boolean shuttingDown = false;
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                shuttingDown = true; // the hook is doing it
            }
            if (!shuttingDown) stop(running, delete ? dataDir : null);
            if (temporary && keep) System.err.println("Kept the data dir: " + dataDir);
        }
        return 0;
    }

    private static void stop(AtomicReference<Clientele> running, Path deleteDir) {
        Clientele app = running.getAndSet(null);
        if (app != null) app.close();
        if (deleteDir != null) deleteRecursively(deleteDir);
    }

    /** Runs the workload against a running instance (a new tenant of it) and returns the figures. */
    Results runOn(Clientele app) throws InterruptedException {
        Tenants.NewTenant tenant = app.tenants().createTenant("Bench " + CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
        HttpOperationClient client = new HttpOperationClient(HOST, app.port(), tenant.apiKey());
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

        byte[][] bodies = generate();
        String[] ids = new String[customers];
        Pass load = batch <= 1
                ? run("CreateCustomer", "Creating", concurrency, customers, 1, client, errorSamples, n -> bodies[n],
                        (n, answer) -> ids[n] = Json.read(answer.text()).path("customer_id").asText(null), "CreateCustomer")
                : run("CreateCustomers x" + batch, "Creating", concurrency, (customers + batch - 1) / batch, batch, client,
                        errorSamples, n -> batchBody(bodies, n * batch, Math.min(customers, (n + 1) * batch)),
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
        run("GetCustomer warm-up", "Warming up", concurrency, warmup, 1, client, errorSamples, randomRead, null, "GetCustomer");
        Pass sequential = run("GetCustomer sequential", "Reading (1 client)", 1, reads, 1, client, errorSamples, randomRead, null, "GetCustomer");
        Pass concurrent = run("GetCustomer concurrent", "Reading (" + concurrency + " clients)", concurrency, reads, 1, client,
                errorSamples, randomRead, null, "GetCustomer");
        return new Results(load, created.size(), sequential, concurrent, unsealed, sealSeconds, List.copyOf(errorSamples));
    }

    private static int pick(Random random, int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    /** {@code {"customers":[...]}} around the single-customer bodies {@code from} to {@code to} (exclusive). */
    private static byte[] batchBody(byte[][] bodies, int from, int to) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"customers\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = from; i < to; i++) {
            if (i > from) out.write(',');
            out.writeBytes(bodies[i]);
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] readBody(String customerId) {
        return ("{\"customer_id\":\"" + customerId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[][] generate() {
        SyntheticCustomers synthetic = new SyntheticCustomers(seed);
        byte[][] bodies = new byte[customers][];
        try (ProgressBar bar = bar("Generating", customers)) {
            for (int n = 0; n < customers; n++) {
                bodies[n] = synthetic.next(n);
                bar.step();
            }
        }
        return bodies;
    }

    @FunctionalInterface
    private interface OnSuccess {
        void accept(int n, HttpOperationClient.Answer answer);
    }

    /**
     * {@code calls} calls of {@code operation} by {@code clients} virtual threads, each taking the next
     * call number until none are left; latencies go to one histogram per client, merged at the end.
     */
    private Pass run(String name, String task, int clients, int calls, int itemsPerCall, HttpOperationClient client,
                     ConcurrentLinkedQueue<String> errorSamples, IntFunction<byte[]> body, OnSuccess onSuccess,
                     String operation) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        AtomicLong halfway = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Future<?>> workers = new ArrayList<>();
        long started;
        long finished;
        CpuMeter.Sample cpuBefore;
        CpuMeter.Sample cpuAfter;
        try (ProgressBar bar = bar(task, (long) calls * itemsPerCall); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            cpuBefore = cpu.sample();
            started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Histogram histogram = newHistogram();
                histograms.add(histogram);
                workers.add(threads.submit(() -> {
                    for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
                        try {
                            HttpOperationClient.Answer answer = client.call(operation, body.apply(n));
                            histogram.recordValue(Math.min(answer.nanos(), histogram.getHighestTrackableValue()));
                            if (answer.status() == 200) {
                                if (onSuccess != null) onSuccess.accept(n, answer);
                            } else {
                                errors.incrementAndGet();
                                sample(errorSamples, operation + " -> HTTP " + answer.status() + ": " + answer.text());
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            sample(errorSamples, operation + " -> " + e);
                        }
                        if (done.incrementAndGet() == calls / 2) halfway.set(System.nanoTime());
                        bar.stepBy(itemsPerCall);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
                }
            }
            finished = System.nanoTime();
            cpuAfter = cpu.sample();
        }
        Histogram all = newHistogram();
        histograms.forEach(all::add);
        return new Pass(name, clients, Math.max(calls, 0), itemsPerCall, errors.get(), (finished - started) / 1e9,
                halfway.get() == 0 ? 0 : (finished - halfway.get()) / 1e9, all,
                cpuAfter.minus(cpuBefore));
    }

    private static void sample(ConcurrentLinkedQueue<String> samples, String error) {
        if (samples.size() < 5) samples.add(error.length() > 300 ? error.substring(0, 300) + "…" : error);
    }

    private static Histogram newHistogram() {
        return new Histogram(ChronoUnit.MINUTES.getDuration().toNanos(), 3);
    }

    private static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }

    private void printSummary(PrintStream out, Clientele app, Results r, double loadBefore, double loadAfter) {
        MachineInfo machine = MachineInfo.current();
        out.println();
        out.println("Clientele bench: customers");
        row(out, "date", CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        row(out, "machine", machine.describe());
        row(out, "load average", String.format(Locale.ROOT, "%.2f before the run, %.2f after (which counts the bench itself);"
                + " other work on the machine skews the figures", loadBefore, loadAfter));
        row(out, "jdk", machine.jdk());
        row(out, "database", app.database().settingsSummary() + ", " + app.database().description()
                + ", app pool " + poolSize);
        row(out, "server", "in-process Javalin/Jetty (virtual threads) on " + HOST + ":" + app.port()
                + ", no rate limit, request log " + (requestLog ? "on (clientele.api INFO to stderr)" : "off (clientele.api at WARN)"));
        row(out, "client", "java.net.http.HttpClient, HTTP/1.1 keep-alive, closed loop, seed " + seed);
        row(out, "audit sealer", String.format(Locale.ROOT, "ran during the load; %,d rows left unsealed at its end, sealed in %.2f s",
                r.unsealedAfterLoad(), r.sealSeconds()));
        out.println();
        out.printf(Locale.ROOT, "  %-24s %7s %9s %8s %9s %11s %8s %8s %8s %8s %7s%n",
                "phase", "clients", "calls", "seconds", "calls/s", "customers/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        for (Pass p : new Pass[] {r.load(), r.sequentialReads(), r.concurrentReads()}) {
            if (p == null) continue;
            Histogram h = p.latency();
            out.printf(Locale.ROOT, "  %-24s %7d %,9d %8.1f %,9.0f %,11.0f %8.2f %8.2f %8.2f %8.2f %,7d%n",
                    p.name(), p.clients(), p.calls(), p.seconds(), p.perSecond(), p.itemsPerSecond(), ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), p.errors());
        }
        out.println();
        out.printf(Locale.ROOT, "  %-24s %14s %14s %16s%n", "cpu per customer", "JVM us", "PostgreSQL us", "busy of cores");
        for (Pass p : new Pass[] {r.load(), r.sequentialReads(), r.concurrentReads()}) {
            if (p == null || p.calls() == 0) continue;
            long jvm = p.cpu().jvmNanos();
            long db = p.cpu().postgresNanos();
            String busy = jvm < 0 || db < 0 ? "-" : String.format(Locale.ROOT, "%.0f%% of %d",
                    100.0 * (jvm + db) / (p.seconds() * 1e9 * machine.cores()), machine.cores());
            out.printf(Locale.ROOT, "  %-24s %14s %14s %16s%n", p.name(), micros(jvm, p.calls() * p.itemsPerCall()), micros(db, p.calls() * p.itemsPerCall()), busy);
        }
        out.println("  (JVM = bench clients and server together; the rest of \"busy\" up to 100% went to other processes or idle)");
        out.println();
        out.println("  targets (issue, 2 cores)");
        out.printf(Locale.ROOT, "    >= 2,000 creates/s                  %,.0f/s with %d clients, %d per call (second half of the load: %,.0f/s): %s%n",
                r.load().itemsPerSecond(), r.load().clients(), r.load().itemsPerCall(), r.load().secondHalfPerSecond(),
                r.load().itemsPerSecond() >= 2000 ? "met" : "NOT met");
        if (r.sequentialReads() != null) {
            double p99 = ms(r.sequentialReads().latency().getValueAtPercentile(99));
            out.printf(Locale.ROOT, "    GetCustomer p99 <= 10 ms            %.2f ms (1 client): %s%n", p99, p99 <= 10 ? "met" : "NOT met");
        }
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", label, value);
    }

    private static String micros(long nanos, long calls) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", nanos / 1e3 / calls);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the temporary data dir " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Turns the per-call request log (clientele.api) down to WARN for the run, and back afterwards. */
    record RequestLogLevel(ch.qos.logback.classic.Logger logger, Level previous) implements AutoCloseable {
        static RequestLogLevel set(boolean keepOn) {
            if (keepOn || !(LoggerFactory.getLogger("clientele.api") instanceof ch.qos.logback.classic.Logger logger)) {
                return new RequestLogLevel(null, null);
            }
            Level previous = logger.getLevel();
            logger.setLevel(Level.WARN);
            return new RequestLogLevel(logger, previous);
        }

        @Override
        public void close() {
            if (logger != null) logger.setLevel(previous);
        }
    }
}
