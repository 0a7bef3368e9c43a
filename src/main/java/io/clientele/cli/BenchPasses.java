package io.clientele.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code bench search}'s passes over {@link BenchHarness#timed}, keeping the first few errors for its summary,
 * and the summary's header lines. (The search bench starts its server with {@link BenchHost} rather than
 * {@link BenchHarness#run(picocli.CommandLine.Model.CommandSpec, DatabaseOptions, int, boolean, boolean,
 * BenchHarness.Body)}: the two were written in parallel, and only the pass loop and helpers are shared yet.)
 */
final class BenchPasses {
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
    BenchHarness.Pass run(String name, String task, int clients, int calls, int itemsPerCall, BenchHarness.Call call,
                          BenchHarness.OnSuccess onSuccess) throws InterruptedException {
        return BenchHarness.timed(cpu, name, task, clients, calls, itemsPerCall, call, onSuccess, errorSamples, name);
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
    static String[] cpuColumns(BenchHarness.Pass p) {
        int cores = Runtime.getRuntime().availableProcessors();
        long jvm = p.cpu().jvmNanos();
        long db = p.cpu().postgresNanos();
        long items = Math.max(1, p.calls() * p.itemsPerCall());
        String busy = jvm < 0 || db < 0 || p.seconds() <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%% of %d",
                100.0 * (jvm + db) / (p.seconds() * 1e9 * cores), cores);
        return new String[] {BenchHarness.micros(jvm, items), BenchHarness.micros(db, items), busy};
    }


}
