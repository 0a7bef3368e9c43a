package io.clientele.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Main;
import io.clientele.testing.TestServer;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The bench's plumbing on a small load; it asserts counts, never timings (benchmarks measure, tests assert). */
class CustomersBenchIT {

    private static CustomersBench parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (CustomersBench) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsAreTheIssuesWorkload() {
        CustomersBench bench = parse("bench", "customers");
        assertThat(bench.customers).isEqualTo(100_000);
        assertThat(bench.reads).isEqualTo(20_000);
        assertThat(bench.concurrency).isBetween(16, 64);
        assertThat(bench.server.keep).isFalse();
        assertThat(bench.server.requestLog).isFalse();
        assertThat(bench.batch).isEqualTo(100);
    }

    @Test
    void loadsCustomersOneByOneOverHttpAndReadsThemBack() throws Exception {
        CustomersBench bench = parse("bench", "customers", "--customers", "100", "--concurrency", "8",
                "--reads", "50", "--warmup", "10", "--seed", "7", "--batch", "1");

        CustomersBench.Results results = bench.runOn(TestServer.shared());

        assertThat(results.errorSamples()).isEmpty();
        assertThat(results.load().calls()).isEqualTo(100);
        assertThat(results.load().errors()).isZero();
        assertThat(results.load().latency().getTotalCount()).isEqualTo(100);
        assertThat(results.sequentialReads().clients()).isEqualTo(1);
        assertThat(results.sequentialReads().latency().getTotalCount()).isEqualTo(50);
        assertThat(results.concurrentReads().clients()).isEqualTo(8);
        assertThat(results.concurrentReads().errors()).isZero();
    }

    @Test
    void loadsCustomersInBatchesAndReadsEveryOneBack() throws Exception {
        CustomersBench bench = parse("bench", "customers", "--customers", "100", "--concurrency", "3",
                "--reads", "200", "--warmup", "0", "--seed", "7", "--batch", "30");

        CustomersBench.Results results = bench.runOn(TestServer.shared());

        assertThat(results.errorSamples()).isEmpty();
        assertThat(results.load().name()).isEqualTo("CreateCustomers x30");
        assertThat(results.load().calls()).isEqualTo(4); // 30 + 30 + 30 + 10
        assertThat(results.load().itemsPerCall()).isEqualTo(30);
        assertThat(results.load().errors()).isZero();
        assertThat(results.createdCustomers()).isEqualTo(100);
        assertThat(results.sequentialReads().errors()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameCustomers() {
        SyntheticCustomers a = new SyntheticCustomers(42);
        SyntheticCustomers b = new SyntheticCustomers(42);
        for (int n = 0; n < 20; n++) {
            assertThat(new String(a.next(n))).isEqualTo(new String(b.next(n)));
        }
    }
}
