package io.clientele.cli;

import io.clientele.Clientele;
import io.clientele.platform.Database;
import io.clientele.platform.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The in-process Clientele a bench runs against: on loopback, without rate limit, on the given
 * {@code --data-dir} or external database, or else on a temporary data dir deleted afterwards (also on
 * Ctrl-C) unless kept. The per-call request log is turned down to WARN for the run unless asked for.
 */
final class BenchHost implements AutoCloseable {
    static final String HOST = BenchHarness.HOST;

    private final AtomicReference<Clientele> running = new AtomicReference<>();
    private final Path dataDir;
    private final boolean temporary;
    private final boolean external;
    private final boolean explicitDir;
    private final boolean keep;
    private final Thread cleanup;
    private final BenchHarness.RequestLogLevel logLevel;
    private final CpuMeter cpu;

    private BenchHost(CommandSpec spec, BenchServerOptions server, Clock clock) throws IOException {
        DatabaseOptions database = server.database;
        String url = database.toOptions().databaseUrl();
        this.external = url != null && !url.isBlank();
        this.explicitDir = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--data-dir");
        this.dataDir = external || explicitDir ? database.dataDir() : Files.createTempDirectory("clientele-bench-");
        this.temporary = !external && !explicitDir;
        this.keep = server.keep;
        System.err.println("Starting Clientele on " + (external ? "the external database" : dataDir) + "...");
        Path deleteDir = temporary && !server.keep ? dataDir : null;
        // Ctrl-C: stop the server and the database, and still delete the temporary data dir.
        this.cleanup = new Thread(() -> stop(running, deleteDir), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        this.logLevel = BenchHarness.RequestLogLevel.set(server.requestLog);
        try {
            running.set(Clientele.start(new Database.Options(dataDir, url, server.poolSize),
                    new Clientele.Settings(HOST, 0, Ids.random(40), LocalSecret.auditKey(dataDir).value(), 0, false), clock));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.cpu = new CpuMeter(external ? null : dataDir.toAbsolutePath().resolve("postgres"));
    }

    static BenchHost start(CommandSpec spec, BenchServerOptions server, Clock clock) throws IOException {
        return new BenchHost(spec, server, clock);
    }

    Clientele app() {
        return running.get();
    }

    CpuMeter cpu() {
        return cpu;
    }

    /** The data dir a later run can reuse: given with --data-dir (not temporary, not an external database). */
    boolean reusableDataDir() {
        return !temporary && !external;
    }

    Path dataDir() {
        return dataDir;
    }

    boolean external() {
        return external;
    }

    /** Whether the data dir was given with --data-dir (also beside an external database, where it holds the bench's notes). */
    boolean explicitDataDir() {
        return explicitDir;
    }

    @Override
    public void close() {
        logLevel.close();
        boolean shuttingDown = false;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            shuttingDown = true; // the hook is doing it
        }
        if (!shuttingDown) stop(running, temporary && !keep ? dataDir : null);
        if (temporary && keep) System.err.println("Kept the data dir: " + dataDir);
    }

    private static void stop(AtomicReference<Clientele> running, Path deleteDir) {
        Clientele app = running.getAndSet(null);
        if (app != null) app.close();
        if (deleteDir != null) BenchHarness.deleteRecursively(deleteDir);
    }
}
