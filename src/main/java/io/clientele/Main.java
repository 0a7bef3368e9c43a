package io.clientele;

import io.clientele.cli.BenchCommand;
import io.clientele.cli.DemoCommand;
import io.clientele.cli.McpCommand;
import io.clientele.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./clientele <command>}: the launcher's entry point. */
@Command(name = "clientele",
        mixinStandardHelpOptions = true,
        version = "Clientele " + Clientele.VERSION,
        description = "Customer intelligence layer for ecommerce.",
        subcommands = {ServeCommand.class, McpCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
