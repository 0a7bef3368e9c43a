package io.clientele.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Main;
import io.clientele.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bench commerce end to end at a tiny size: it checks what the bench prints and keeps, never its times. */
class CommerceBenchIT {
    @TempDir
    Path dataDir;

    private static CommerceBench parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (CommerceBench) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    private static final String[] TINY = {"bench", "commerce", "--customers", "200", "--records", "2000", "--concurrency", "4",
            "--sales", "20", "--reads", "40", "--warmup", "5", "--seed", "11"};

    @Test
    void defaultsAreTheIssuesWorkload() {
        CommerceBench bench = parse("bench", "commerce");
        assertThat(bench.customers).isEqualTo(1_000_000);
        assertThat(bench.records).isEqualTo(10_000_000);
        assertThat(bench.reload).isFalse();
    }

    @Test
    void importsTheHistoryTimesSalesAndReadsThenReusesTheKeptDataSet() throws Exception {
        BenchHarness harness = new BenchHarness(TestServer.shared(), dataDir);

        CommerceBench first = parse(TINY);
        CommerceBench.Results loaded = first.runOn(harness);
        String printed = print(first, harness, loaded);

        assertThat(loaded.errorSamples()).isEmpty();
        assertThat(loaded.reused()).isFalse();
        assertThat(loaded.load().customersSent()).isEqualTo(200);
        assertThat(loaded.load().recordsSent()).isEqualTo(2000);
        assertThat(loaded.load().created()).isEqualTo(loaded.load().customersSent() + loaded.load().recordsSent() - loaded.load().matched());
        assertThat(loaded.load().pass().errors()).isZero();
        assertThat(loaded.sales().latency().getTotalCount()).isEqualTo(20);
        assertThat(loaded.sequentialReads().latency().getTotalCount()).isEqualTo(40);
        assertThat(loaded.concurrentReads().errors()).isZero();
        assertThat(printed).contains("Clientele bench: commerce", "ImportCommerceHistory", "CreateSale (single)",
                "GetCustomer sequential", "GetCustomer concurrent", ">= 10,000 records/s bulk", "GetCustomer p99 <= 10 ms",
                "single-sale write", "./clientele bench commerce --data-dir " + dataDir);

        Optional<BenchTenant> kept = BenchTenant.open(TestServer.shared(), dataDir, BenchTenant.COMMERCE,
                Map.of("customers", "200", "records", "2000", "seed", "11"), new StringBuilder());
        assertThat(kept).isPresent();
        assertThat(kept.get().complete()).isTrue();
        assertThat(kept.get().customerIds()).hasSize(200);

        CommerceBench second = parse(TINY);
        CommerceBench.Results reused = second.runOn(harness);
        String printedAgain = print(second, harness, reused);

        assertThat(reused.reused()).isTrue();
        assertThat(reused.load()).isNull();
        assertThat(reused.tenantId()).isEqualTo(loaded.tenantId());
        assertThat(reused.errorSamples()).isEmpty();
        assertThat(printedAgain).contains("reused the data set in " + dataDir, "GetCustomer sequential", "not measured: the data set was reused");
    }

    @Test
    void anotherSizeIsNotReused() throws Exception {
        BenchHarness harness = new BenchHarness(TestServer.shared(), dataDir);
        parse("bench", "commerce", "--customers", "20", "--records", "100", "--sales", "0", "--reads", "1", "--warmup", "0").runOn(harness);

        StringBuilder why = new StringBuilder();
        assertThat(BenchTenant.open(TestServer.shared(), dataDir, BenchTenant.COMMERCE, Map.of("customers", "21"), why)).isEmpty();
        assertThat(why.toString()).contains("customers=20, not 21");
    }

    @Test
    void theBatchesHoldExactlyTheRecordsAskedForAndAtMostFiveHundredPerCall() {
        CommerceHistoryBatches.Catalogue catalogue = new CommerceHistoryBatches.Catalogue(
                java.util.List.of(new DemoHistory.DemoProduct("AAAAAAAAAAAAAAAAAAAA", new java.math.BigDecimal("9.99")),
                        new DemoHistory.DemoProduct("BBBBBBBBBBBBBBBBBBBB", new java.math.BigDecimal("19.99")),
                        new DemoHistory.DemoProduct("CCCCCCCCCCCCCCCCCCCC", new java.math.BigDecimal("5.99"))),
                java.util.List.of("DDDDDDDDDDDDDDDDDDDD"), java.util.List.of("EEEEEEEEEEEEEEEEEEEE"));
        CommerceHistoryBatches batches = new CommerceHistoryBatches(5, 1_000, 9_999, catalogue, java.time.Instant.parse("2026-01-01T00:00:00Z"));
        long customers = 0;
        long records = 0;
        for (CommerceHistoryBatches.Batch b = batches.next(); b != null; b = batches.next()) {
            assertThat(b.customers() + b.records()).isLessThanOrEqualTo(CommerceHistoryBatches.MAX_RECORDS);
            customers += b.customers();
            records += b.records();
            assertThat(b.byKind()[0] + b.byKind()[1]).isEqualTo(b.records());
        }
        assertThat(customers).isEqualTo(1_000);
        assertThat(records).isEqualTo(9_999);
    }

    private static String print(CommerceBench bench, BenchHarness harness, CommerceBench.Results results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bench.printSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8), harness, results, 0, 0);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
