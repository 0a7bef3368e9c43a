package io.clientele.cli;

import ch.qos.logback.classic.Level;
import io.clientele.Clientele;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every {@code bench} shares: an in-process Clientele on a loopback port (on a temporary data dir unless
 * {@code --data-dir} or {@code --database-url} is given), closed-loop HTTP passes timed with HdrHistogram and
 * CPU split between the JVM and PostgreSQL, and the lines of the printed summary.
 */
final class BenchHarness implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final Clock CLOCK = Clock.systemUTC();

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

        double percentileMs(double percentile) {
            return ms(latency.getValueAtPercentile(percentile));
        }
    }

    /** The {@code n}-th call of a pass. */
    @FunctionalInterface
    interface Call {
        HttpOperationClient.Answer call(int n) throws IOException, InterruptedException;
    }

    /** What to do with a successful answer of call {@code n}. */
    @FunctionalInterface
    interface OnSuccess {
        void accept(int n, HttpOperationClient.Answer answer);
    }

    private final Clientele app;
    private final Path dataDir;
    private final boolean external;
    private final boolean explicitDir;
    private final CpuMeter cpu;

    /** A harness around an instance someone else started and stops (tests). */
    BenchHarness(Clientele app) {
        this(app, null, true, false);
    }

    /** The same, keeping bench data sets in {@code keptDir} as --data-dir does (tests). */
    BenchHarness(Clientele app, Path keptDir) {
        this(app, keptDir, true, true);
    }

    private BenchHarness(Clientele app, Path dataDir, boolean external, boolean explicitDir) {
        this.app = app;
        this.dataDir = dataDir;
        this.external = external;
        this.explicitDir = explicitDir;
        this.cpu = new CpuMeter(external || dataDir == null ? null : dataDir.toAbsolutePath().resolve("postgres"));
    }

    /**
     * Starts Clientele for a bench command and runs {@code body} on it; stops it afterwards (also on Ctrl-C) and
     * deletes a temporary data dir unless {@code keep}.
     */
    static int run(CommandSpec spec, BenchServerOptions server, Body body) throws Exception {
        try (BenchHost host = BenchHost.start(spec, server, CLOCK)) {
            return body.run(new BenchHarness(host.app(), host.dataDir(), host.external(), host.explicitDataDir()));
        }
    }

    @FunctionalInterface
    interface Body {
        int run(BenchHarness harness) throws Exception;
    }

    Clientele app() {
        return app;
    }

    /**
     * The data dir the caller chose with --data-dir (kept between runs; with --database-url too, where it holds
     * only the bench's notes), or null for a temporary one.
     */
    Path keptDataDir() {
        return explicitDir ? dataDir : null;
    }

    @Override
    public void close() {
        // The instance is stopped by run(); a harness around a test's instance leaves it running.
    }

    /**
     * {@code calls} calls of {@code operation} by {@code clients} virtual threads, each taking the next
     * call number until none are left; latencies go to one histogram per client, merged at the end.
     */
    Pass run(String name, String task, int clients, int calls, int itemsPerCall, HttpOperationClient client,
             ConcurrentLinkedQueue<String> errorSamples, IntFunction<byte[]> body, OnSuccess onSuccess,
             String operation) throws InterruptedException {
        return timed(cpu, name, task, clients, calls, itemsPerCall, n -> client.call(operation, body.apply(n)), onSuccess,
                errorSamples, operation);
    }

    /**
     * The pass loop itself, for any calls (several tenants' clients, calls that are not one operation): a call
     * answering other than 200 counts as an error, sampled under {@code label}.
     */
    static Pass timed(CpuMeter cpu, String name, String task, int clients, int calls, int itemsPerCall, Call call,
                      OnSuccess onSuccess, ConcurrentLinkedQueue<String> errorSamples, String label) throws InterruptedException {
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
                            HttpOperationClient.Answer answer = call.call(n);
                            histogram.recordValue(Math.min(answer.nanos(), histogram.getHighestTrackableValue()));
                            if (answer.status() == 200) {
                                if (onSuccess != null) onSuccess.accept(n, answer);
                            } else {
                                errors.incrementAndGet();
                                sample(errorSamples, label + " -> HTTP " + answer.status() + ": " + answer.text());
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            sample(errorSamples, label + " -> " + e);
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

    static void sample(ConcurrentLinkedQueue<String> samples, String error) {
        if (samples.size() < 5) samples.add(error.length() > 300 ? error.substring(0, 300) + "…" : error);
    }

    static Histogram newHistogram() {
        return new Histogram(ChronoUnit.MINUTES.getDuration().toNanos(), 3);
    }

    static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }

    /** The run's context: date, machine, load, JDK, database, server, client. */
    void printContext(PrintStream out, String title, int poolSize, boolean requestLog, long seed, double loadBefore, double loadAfter) {
        MachineInfo machine = MachineInfo.current();
        out.println();
        out.println(title);
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
    }

    /** The latency table of {@code passes} (null ones skipped), {@code unit} per second beside calls per second. */
    static void printPasses(PrintStream out, String unit, Pass... passes) {
        out.printf(Locale.ROOT, "  %-26s %7s %9s %8s %9s %11s %8s %8s %8s %8s %7s%n",
                "phase", "clients", "calls", "seconds", "calls/s", unit + "/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        for (Pass p : passes) {
            if (p == null) continue;
            Histogram h = p.latency();
            out.printf(Locale.ROOT, "  %-26s %7d %,9d %8.1f %,9.0f %,11.0f %8.2f %8.2f %8.2f %8.2f %,7d%n",
                    p.name(), p.clients(), p.calls(), p.seconds(), p.perSecond(), p.itemsPerSecond(), ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), p.errors());
        }
    }

    /** CPU per item of each pass, split between the JVM and PostgreSQL. */
    static void printCpu(PrintStream out, String per, Pass... passes) {
        MachineInfo machine = MachineInfo.current();
        out.printf(Locale.ROOT, "  %-26s %14s %14s %16s%n", "cpu per " + per, "JVM us", "PostgreSQL us", "busy of cores");
        for (Pass p : passes) {
            if (p == null || p.calls() == 0) continue;
            long jvm = p.cpu().jvmNanos();
            long db = p.cpu().postgresNanos();
            String busy = jvm < 0 || db < 0 ? "-" : String.format(Locale.ROOT, "%.0f%% of %d",
                    100.0 * (jvm + db) / (p.seconds() * 1e9 * machine.cores()), machine.cores());
            out.printf(Locale.ROOT, "  %-26s %14s %14s %16s%n", p.name(), micros(jvm, p.calls() * p.itemsPerCall()),
                    micros(db, p.calls() * p.itemsPerCall()), busy);
        }
        out.println("  (JVM = bench clients and server together; the rest of \"busy\" up to 100% went to other processes or idle)");
    }

    static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-14s %s%n", label, value);
    }

    static String micros(long nanos, long calls) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", nanos / 1e3 / calls);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static void deleteRecursively(Path dir) {
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
