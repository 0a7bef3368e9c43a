package io.clientele.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Main;
import io.clientele.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bench groups end to end at a tiny size: what it creates, evaluates and prints, never its times. */
class GroupsBenchIT {
    private static GroupsBench parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (GroupsBench) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsAreTheIssuesWorkload() {
        GroupsBench bench = parse("bench", "groups");
        assertThat(bench.customers).isEqualTo(1_000_000);
        assertThat(bench.historyCustomers).isEqualTo(20_000);
    }

    @Test
    void enablesTwentyGroupsSweepsAndTimesWritesWithAndWithoutThem() throws Exception {
        BenchHarness harness = new BenchHarness(TestServer.shared());
        GroupsBench bench = parse("bench", "groups", "--customers", "400", "--history-customers", "150", "--records", "1500", "--concurrency", "4",
                "--sales", "20", "--seed", "7");

        GroupsBench.Results results = bench.runOn(harness);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        bench.printSummary(new PrintStream(printed, true, StandardCharsets.UTF_8), harness, results, 0, 0);

        assertThat(results.errorSamples()).isEmpty();
        assertThat(results.enabled()).hasSize(20);
        assertThat(results.enabled()).extracting(GroupsBench.Enabled::method)
                .contains("specific_values", "customer_group", "none");
        assertThat(results.enabled().stream().filter(e -> e.method().equals("specific_values")).mapToLong(GroupsBench.Enabled::members).sum())
                .as("the value groups select customers of the data set").isPositive();
        assertThat(results.sweepChanges()).as("every group was evaluated in full when enabled").isZero();
        assertThat(results.before().latency().getTotalCount()).isEqualTo(20);
        assertThat(results.after().latency().getTotalCount()).isEqualTo(20);
        assertThat(results.disabled().latency().getTotalCount()).isEqualTo(20);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Clientele bench: groups", "full sweep <= 30 s",
                "<= 1 ms added per write", "CreateSale with 20 groups", "VIP not refunded");
    }
}
