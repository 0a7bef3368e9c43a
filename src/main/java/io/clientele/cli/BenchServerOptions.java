package io.clientele.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the in-process Clientele every bench starts: its database (as {@code serve}'s), its pool, its
 * request log, and whether a temporary data dir is kept afterwards.
 */
public final class BenchServerOptions {
    @Option(names = "--pool-size", defaultValue = "16", description = "Database connections of the application pool (default: ${DEFAULT-VALUE}, as serve).")
    int poolSize;

    @Option(names = "--request-log", description = "Keep the one-INFO-line-per-call request log on (default: off for the bench).")
    boolean requestLog;

    @Option(names = "--keep", description = "Keep the temporary data dir (its path is printed).")
    boolean keep;

    @Mixin
    DatabaseOptions database;
}
