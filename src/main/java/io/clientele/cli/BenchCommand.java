package io.clientele.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./clientele bench <workload>}: figures for BENCHMARKS.md. A bench prints; it never fails a build. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Clientele on this machine through the real HTTP surface and print the figures.",
        subcommands = {CustomersBench.class, CommerceBench.class, GroupsBench.class, SearchBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
