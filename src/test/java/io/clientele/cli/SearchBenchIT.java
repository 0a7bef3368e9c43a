package io.clientele.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Main;
import io.clientele.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench search} end to end at a tiny size; it checks what ran and was printed, never timings. */
class SearchBenchIT {

    private static SearchBench parse(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args);
        return (SearchBench) parsed.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsAreTheIssuesWorkload() {
        SearchBench bench = parse("bench", "search");
        assertThat(bench.customers).isEqualTo(1_000_000);
        assertThat(bench.tenants).isEqualTo(1);
    }

    @Test
    void loadsSearchesAndChecksDuplicatesOverHttpThenReusesTheLoadedData(@TempDir Path dir) throws Exception {
        SearchBench bench = parse("bench", "search", "--customers", "300", "--tenants", "3", "--concurrency", "4",
                "--searches", "20", "--warmup", "2", "--reports", "1", "--metadata-percent", "50", "--seed", "7");

        SearchBench.Results first = bench.runOn(TestServer.shared(), dir);

        assertThat(first.errorSamples()).isEmpty();
        assertThat(first.load().reused()).isFalse();
        assertThat(first.load().tenantCustomers()).isEqualTo(100);
        assertThat(first.load().customers().calls()).isEqualTo(3); // one batch of 100 per tenant
        assertThat(first.load().customers().errors()).isZero();
        assertThat(first.load().metadata().calls()).isBetween(100L, 200L);
        assertThat(first.searches()).extracting(t -> t.pass().name()).containsExactly(
                "SearchCustomers, exact email", "SearchCustomers, misspelled surname",
                "SearchCustomers, phone's last digits", "SearchCustomers, metadata value");
        assertThat(first.duplicateChecks()).hasSize(3);
        for (SearchBench.Timed t : first.searches()) {
            assertThat(t.pass().errors()).as(t.pass().name()).isZero();
            assertThat(t.pass().latency().getTotalCount()).isEqualTo(20);
        }
        // At this size every kind finds its customer nearly always; at scale the bench prints the share.
        assertThat(first.searches().getFirst().found()).isEqualTo(20);
        assertThat(first.duplicateChecks().getFirst().found()).isEqualTo(20); // find_or_create reused every one
        assertThat(first.duplicateChecks().get(1).found()).isEqualTo(20); // FindDuplicateCustomers named the person
        assertThat(first.report().errors()).isZero();
        assertThat(Files.readString(dir.resolve("bench-search.properties"))).contains(first.load().tenantId());

        SearchBench again = parse("bench", "search", "--customers", "300", "--tenants", "3", "--searches", "5",
                "--warmup", "0", "--reports", "1", "--metadata-percent", "50", "--seed", "7");
        SearchBench.Results second = again.runOn(TestServer.shared(), dir);

        assertThat(second.load().reused()).isTrue();
        assertThat(second.load().tenantId()).isEqualTo(first.load().tenantId());
        assertThat(second.load().customers()).isNull();
        assertThat(second.errorSamples()).isEmpty();
        assertThat(second.searches().getFirst().found()).isEqualTo(5);
    }

    @Test
    void printsEveryPhaseAndWhetherEachTargetWasMet(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute("bench", "search", "--data-dir", dir.toString(),
                    "--customers", "200", "--searches", "10", "--warmup", "2", "--reports", "1", "--concurrency", "2");
        } finally {
            System.setOut(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).isZero();
        assertThat(printed).contains("Clientele bench: search", "CreateCustomers x100", "InsertMetadata",
                "SearchCustomers, exact email", "SearchCustomers, misspelled surname", "SearchCustomers, phone's last digits",
                "SearchCustomers, metadata value", "CreateCustomer find_or_create, same email",
                "FindDuplicateCustomers, new email", "GetDuplicateCustomerReport, pages", "targets (issue, 2 cores)");
        assertThat(printed.lines().filter(l -> l.matches(".*p95 .* ms <= (20|5) ms: (met|NOT met)$"))).hasSize(7);
    }

    @Test
    void aTypoChangesTheSurnameButNeverItsFirstLetter() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            String typo = SearchBench.typo("Johnson", random);
            assertThat(typo).isNotEqualToIgnoringCase("Johnson").startsWith("J");
        }
        assertThat(SearchBench.phoneFragment("(415) 555-0132")).isEqualTo("555.01.32");
        assertThat(SearchBench.phoneFragment("555-0132 x12")).isNull();
    }
}
