package io.clientele.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import org.HdrHistogram.Histogram;

/**
 * Timed passes of HTTP calls shared by the bench workloads: closed-loop virtual-thread clients, one
 * HdrHistogram per client merged at the end, CPU split between the JVM and PostgreSQL, a progress bar on
 * stderr, and the first few errors kept for the summary.
 */
final class BenchPasses {
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
            return BenchHarness.ms(latency.getValueAtPercentile(percentile));
        }
    }

    /** The {@code n}-th call of a pass. */
    @FunctionalInterface
    interface Call {
        HttpOperationClient.Answer call(int n) throws IOException, InterruptedException;
    }

    /** What to do with the {@code n}-th call's successful answer (on the client's thread). */
    @FunctionalInterface
    interface OnSuccess {
        void accept(int n, HttpOperationClient.Answer answer);
    }

    private final CpuMeter cpu;
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

    BenchPasses(CpuMeter cpu) {
        this.cpu = cpu;
    }

    List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    /**
     * {@code calls} calls by {@code clients} virtual threads, each taking the next call number until none
     * are left; a call answering other than 200 counts as an error.
     */
    Pass run(String name, String task, int clients, int calls, int itemsPerCall, Call call, OnSuccess onSuccess)
            throws InterruptedException {
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
        try (ProgressBar bar = BenchHarness.bar(task, (long) calls * itemsPerCall); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            cpuBefore = cpu.sample();
            started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Histogram histogram = BenchHarness.newHistogram();
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
                                sample(name + " -> HTTP " + answer.status() + ": " + answer.text());
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            sample(name + " -> " + e);
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
        Histogram all = BenchHarness.newHistogram();
        histograms.forEach(all::add);
        return new Pass(name, clients, Math.max(calls, 0), itemsPerCall, errors.get(), (finished - started) / 1e9,
                halfway.get() == 0 ? 0 : (finished - halfway.get()) / 1e9, all,
                cpuAfter.minus(cpuBefore));
    }

    private void sample(String error) {
        if (errorSamples.size() < 5) errorSamples.add(error.length() > 300 ? error.substring(0, 300) + "…" : error);
    }



    /** {@code {"customers":[...]}} around the single-customer bodies {@code from} to {@code to} (exclusive). */
    static byte[] batchBody(byte[][] bodies, int from, int to) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"customers\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = from; i < to; i++) {
            if (i > from) out.write(',');
            out.writeBytes(bodies[i]);
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }


    /** The lines every bench summary starts with: date, machine, load, JDK, database. */
    static void header(PrintStream out, String workload, String date, io.clientele.Clientele app, int poolSize,
                       double loadBefore, double loadAfter) {
        MachineInfo machine = MachineInfo.current();
        out.println();
        out.println("Clientele bench: " + workload);
        BenchHarness.row(out, "date", date);
        BenchHarness.row(out, "machine", machine.describe());
        BenchHarness.row(out, "load average", String.format(Locale.ROOT, "%.2f before the run, %.2f after (which counts the bench itself);"
                + " other work on the machine skews the figures", loadBefore, loadAfter));
        BenchHarness.row(out, "jdk", machine.jdk());
        BenchHarness.row(out, "database", app.database().settingsSummary() + ", " + app.database().description()
                + ", app pool " + poolSize);
    }

    /** CPU per item of a pass as "JVM us, PostgreSQL us, busy of cores"; "-" where not measured. */
    static String[] cpuColumns(Pass p) {
        int cores = Runtime.getRuntime().availableProcessors();
        long jvm = p.cpu().jvmNanos();
        long db = p.cpu().postgresNanos();
        long items = Math.max(1, p.calls() * p.itemsPerCall());
        String busy = jvm < 0 || db < 0 || p.seconds() <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%% of %d",
                100.0 * (jvm + db) / (p.seconds() * 1e9 * cores), cores);
        return new String[] {BenchHarness.micros(jvm, items), BenchHarness.micros(db, items), busy};
    }


}
