package io.clientele.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.Clientele;
import io.clientele.platform.Json;
import io.clientele.platform.TenantId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Customer groups at scale (issue 5): on the {@code bench commerce} data set (loaded, or reused from --data-dir),
 * times single CreateSale writes with no rule-based group, creates 20 groups of mixed methods and enables them
 * (each evaluated in full as it is enabled), times a full sweep of all of them, and times the same writes again,
 * now re-evaluating every enabled group in their transactions, and once more with the groups disabled (the
 * baseline, as warm as the pass with groups). Everything goes through the operations over
 * loopback HTTP except the sweep, which is the scheduler's own entry point.
 */
@Command(name = "groups", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Time the full group sweep and the cost that in-transaction re-evaluation adds to each commerce write,",
                "on the bench commerce data set (reused from --data-dir when it holds one of these sizes, loaded otherwise)."})
public final class GroupsBench implements Callable<Integer> {
    /** The names of the bench's groups start with this, so a later run finds and replaces them. */
    static final String PREFIX = "Bench: ";

    @Option(names = "--customers", defaultValue = "1000000", description = "Customers in all (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--history-customers", defaultValue = "20000", description = "Of them, customers with commerce history: the"
            + " bench commerce data set of this many customers and --records records, loaded or reused; the others are created"
            + " with CreateCustomers and have none (default: ${DEFAULT-VALUE}).")
    int historyCustomers;

    @Option(names = "--records", defaultValue = "200000", description = "Commerce records of the history customers (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--sales", defaultValue = "2000", description = "Single CreateSale calls timed per pass, one client, after a tenth as many unmeasured (default: ${DEFAULT-VALUE}).")
    int sales;

    @Option(names = "--concurrency", defaultValue = "16", description = "Concurrent HTTP clients for a load (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data set and of the sales (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchServerOptions server;

    @Spec
    CommandSpec spec;

    /** One group as created and enabled: how long enabling (its full evaluation) took and how many joined. */
    record Enabled(String name, String method, double seconds, long members) {}

    /** @param disabled the writes again after the groups were disabled: the baseline the pass {@code after} is compared with */
    record Results(String tenantId, String dataNote, BenchHarness.Pass before, List<Enabled> enabled, double sweepSeconds,
                   int sweepChanges, BenchHarness.Pass after, BenchHarness.Pass disabled, List<String> errorSamples) {}

    @Override
    public Integer call() throws Exception {
        return BenchHarness.run(spec, server, harness -> {
            double loadBefore = MachineInfo.loadAverage();
            Results results = runOn(harness);
            printSummary(System.out, harness, results, loadBefore, MachineInfo.loadAverage());
            return 0;
        });
    }

    Results runOn(BenchHarness harness) throws Exception {
        Clientele app = harness.app();
        if (historyCustomers > customers) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history-customers must not exceed --customers");
        }
        CommerceBench commerce = new CommerceBench();
        commerce.customers = historyCustomers;
        commerce.records = records;
        commerce.concurrency = concurrency;
        commerce.seed = seed;
        commerce.sales = sales;
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        CommerceBench.Prepared data = commerce.prepare(harness, errors);
        HttpOperationClient client = new HttpOperationClient(BenchHarness.HOST, app.port(), data.tenant().apiKey());
        deleteEarlierGroups(client);
        String padding = pad(harness, client, data.tenant().tenantId(), errors);
        // The audit rows of a large load are sealed in the background; sealed now, so the timed passes do not share
        // the cores with it (the first pass would pay for it and the second not).
        app.sealer().seal(new TenantId(data.tenant().tenantId()));

        List<byte[]> before = commerce.saleBodies(client, data.customerIds(), new Random(seed ^ 0x5DEECE66DL), sales + sales / 10);
        BenchHarness.Pass withoutGroups = timedSales(harness, client, errors, before, "without groups");

        Map<String, String> ids = catalogueIds(client);
        List<Enabled> enabled = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<ObjectNode>> definition : definitions(ids, groups).entrySet()) {
            ObjectNode body = definition.getValue().get().put("name", PREFIX + definition.getKey()).put("enabled", false);
            String groupId = Json.read(call(client, "CreateCustomerGroup", body)).path("customer_group_id").asText();
            groups.put(definition.getKey(), groupId);
            long started = System.nanoTime();
            call(client, "EditCustomerGroup", Json.object().put("customer_group_id", groupId).put("enabled", true));
            double seconds = (System.nanoTime() - started) / 1e9;
            long members = Json.read(call(client, "GetCustomerGroup", Json.object().put("customer_group_id", groupId)))
                    .at("/customer_group/member_count").asLong();
            enabled.add(new Enabled(definition.getKey(), body.path("qualifier_method").asText(), seconds, members));
            System.err.printf(Locale.ROOT, "Enabled %-28s %8.2f s, %,d members%n", definition.getKey(), seconds, members);
        }

        long sweepStarted = System.nanoTime();
        int changes = app.groupSweeper().sweep(new TenantId(data.tenant().tenantId()), false);
        double sweepSeconds = (System.nanoTime() - sweepStarted) / 1e9;
        System.err.printf(Locale.ROOT, "Full sweep of %d groups: %.2f s, %,d memberships changed%n", groups.size(), sweepSeconds, changes);

        List<byte[]> after = commerce.saleBodies(client, data.customerIds(), new Random(seed ^ 0x2545F4914F6CDD1DL), sales + sales / 10);
        BenchHarness.Pass withGroups = timedSales(harness, client, errors, after, "with 20 groups");

        // The same writes once more with the groups disabled: the JVM is as warm as for the pass with groups, which
        // the first pass was not, so the difference of these two is what the groups add.
        for (String groupId : groups.values()) {
            call(client, "EditCustomerGroup", Json.object().put("customer_group_id", groupId).put("enabled", false));
        }
        List<byte[]> again = commerce.saleBodies(client, data.customerIds(), new Random(seed ^ 0x9E3779B97F4A7C15L), sales + sales / 10);
        BenchHarness.Pass disabled = timedSales(harness, client, errors, again, "groups disabled");
        return new Results(data.tenant().tenantId(), data.note() + "; " + padding, withoutGroups, enabled, sweepSeconds, changes, withGroups,
                disabled, List.copyOf(errors));
    }

    /**
     * Brings the tenant to --customers customers with CreateCustomers (500 a call), the ones beyond the history
     * customers, once: with --data-dir a marker file remembers it for later runs.
     */
    private String pad(BenchHarness harness, HttpOperationClient client, String tenantId, ConcurrentLinkedQueue<String> errors)
            throws InterruptedException, IOException {
        int extra = customers - historyCustomers;
        if (extra <= 0) return "no customers without history";
        java.nio.file.Path marker = harness.keptDataDir() == null ? null
                : harness.keptDataDir().resolve("bench-groups-" + tenantId + "-" + extra + ".done");
        if (marker != null && java.nio.file.Files.exists(marker)) return String.format(Locale.ROOT, "%,d customers without history reused", extra);
        SyntheticCustomers synthetic = new SyntheticCustomers(seed + 1_000_003);
        int perCall = 500;
        BenchHarness.Pass pass = harness.run("CreateCustomers x" + perCall, "Adding customers without history", concurrency,
                (extra + perCall - 1) / perCall, perCall, client, errors, n -> {
                    int from = n * perCall;
                    byte[][] bodies = new byte[Math.min(extra, from + perCall) - from][];
                    for (int i = 0; i < bodies.length; i++) bodies[i] = synthetic.next(historyCustomers + from + i);
                    return BenchPasses.batchBody(bodies, 0, bodies.length);
                }, null, "CreateCustomers");
        if (marker != null && pass.errors() == 0) java.nio.file.Files.writeString(marker, Integer.toString(extra));
        return String.format(Locale.ROOT, "%,d customers without history added with CreateCustomers at %,.0f/s", extra, pass.itemsPerSecond());
    }

    private BenchHarness.Pass timedSales(BenchHarness harness, HttpOperationClient client, ConcurrentLinkedQueue<String> errors,
                                         List<byte[]> bodies, String label) throws InterruptedException {
        harness.run("CreateSale warm-up", "Warming up sales", 1, sales / 10, 1, client, errors, n -> bodies.get(sales + n), null,
                "CreateSale");
        return harness.run("CreateSale " + label, "Creating sales " + label, 1, sales, 1, client, errors, bodies::get, null,
                "CreateSale");
    }

    /**
     * Twenty groups of mixed methods, read as their seed 002 bodies: twelve on customer values and filters, six
     * composites of those, two manual ones. {@code groups} fills with the ids as they are created, for the
     * composites to list (each definition is built just before it is created, in this order).
     */
    private static Map<String, Supplier<ObjectNode>> definitions(Map<String, String> catalogue, Map<String, String> groups) {
        Map<String, Supplier<ObjectNode>> d = new LinkedHashMap<>();
        d.put("VIP", () -> values(Map.of("lifetime_value", range(1000, 999999), "num_chargeback", range(0, 0))));
        d.put("Big spenders", () -> values(Map.of("lifetime_value", range(2500, 999999))));
        d.put("Loyal", () -> values(Map.of("num_success_sale", range(12, 999999))));
        d.put("One-time buyers", () -> values(Map.of("num_success_sale", range(1, 1))));
        d.put("Winback", () -> values(Map.of("lifetime_value", range(250, 999999), "days_last_sale", range(90, 365))));
        d.put("Bought this month", () -> values(Map.of("days_last_sale", range(1, 30))));
        ObjectNode noSales = specificValues();
        sv(noSales).putObject("values").put("has_no_sales", true)
                .set("days_since_created", range(1, 99999));
        d.put("No sales yet", () -> noSales);
        d.put("Refunded a lot", () -> values(Map.of("lifetime_refunded", range(150, 999999))));
        d.put("Declined twice", () -> values(Map.of("num_pending_declined_sale", range(2, 999999))));
        d.put("Campaign 1", () -> filter("campaign", catalogue.get("campaign")));
        d.put("Shop 2", () -> filter("third_party_shop", catalogue.get("third_party_shop")));
        ObjectNode productGroup = filter("product_group", catalogue.get("product_group"));
        sv(productGroup).putObject("values").set("avg_sale", range(150, 999999));
        d.put("Group 3 high average", () -> productGroup);
        d.put("Do Not Contact", () -> manual());
        d.put("Review", () -> manual());
        d.put("VIP not refunded", composite(groups, List.of(), List.of("VIP"), List.of("Refunded a lot")));
        d.put("VIP or loyal", composite(groups, List.of("VIP", "Loyal"), List.of(), List.of()));
        d.put("VIP winback", composite(groups, List.of(), List.of("VIP", "Winback"), List.of("Do Not Contact")));
        d.put("Campaign 1 this month", composite(groups, List.of(), List.of("Bought this month", "Campaign 1"), List.of()));
        d.put("At risk", composite(groups, List.of("Declined twice", "Refunded a lot"), List.of(), List.of("Review")));
        d.put("Loyal but quiet", composite(groups, List.of("Loyal"), List.of(), List.of("Bought this month")));
        return d;
    }

    private static ObjectNode manual() {
        ObjectNode g = Json.object().put("qualifier_method", "none");
        g.putObject("qualifiers");
        return g;
    }

    private static ObjectNode specificValues() {
        ObjectNode g = Json.object().put("qualifier_method", "specific_values");
        g.putObject("qualifiers").putObject("specific_values");
        return g;
    }

    /** The {@code qualifiers.specific_values} object of a {@link #specificValues()} group. */
    private static ObjectNode sv(ObjectNode group) {
        return (ObjectNode) group.get("qualifiers").get("specific_values");
    }

    private static ObjectNode values(Map<String, ObjectNode> ranges) {
        ObjectNode g = specificValues();
        ObjectNode values = sv(g).putObject("values");
        ranges.forEach(values::set);
        return g;
    }

    private static ObjectNode filter(String kind, String id) {
        ObjectNode g = specificValues();
        sv(g).putObject("filters").putArray(kind).add(id);
        return g;
    }

    /** A customer_group group over groups created before it, by their bench names; built when it is created. */
    private static Supplier<ObjectNode> composite(Map<String, String> groups, List<String> any, List<String> all, List<String> none) {
        return () -> {
            ObjectNode g = Json.object().put("qualifier_method", "customer_group");
            ObjectNode cg = g.putObject("qualifiers").putObject("customer_group");
            any.forEach(n -> cg.withArray("in_any_customer_group").add(groups.get(n)));
            all.forEach(n -> cg.withArray("in_all_customer_group").add(groups.get(n)));
            none.forEach(n -> cg.withArray("not_in_customer_group").add(groups.get(n)));
            return g;
        };
    }

    private static ObjectNode range(long min, long max) {
        return Json.object().put("enabled", true).put("min", min).put("max", max);
    }

    /** The first campaign, the second shop and the third product group of the bench catalogue. */
    private static Map<String, String> catalogueIds(HttpOperationClient client) throws InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("campaign", nth(client, "GetCampaigns", "campaigns", "campaign_id", "bench-cmp-0"));
        ids.put("third_party_shop", nth(client, "GetThirdPartyShops", "third_party_shops", "third_party_shop_id", "bench-shop-1"));
        ids.put("product_group", nth(client, "GetProductGroups", "product_groups", "product_group_id", "bench-grp-2"));
        return ids;
    }

    private static String nth(HttpOperationClient client, String operation, String list, String idField, String internalId)
            throws InterruptedException {
        for (JsonNode item : Json.read(call(client, operation, Json.object().put("limit", 100))).path(list)) {
            if (internalId.equals(item.path("internal_id").asText())) return item.path(idField).asText();
        }
        throw new IllegalStateException("the bench catalogue has no " + internalId);
    }

    /** Deletes the groups an earlier run left (composites first, since a listed group cannot be deleted). */
    private static void deleteEarlierGroups(HttpOperationClient client) throws InterruptedException {
        JsonNode all = Json.read(call(client, "GetCustomerGroups", Json.object().put("limit", 100))).path("customer_groups");
        for (String method : List.of("customer_group", "specific_values", "none")) {
            for (JsonNode g : all) {
                if (g.path("name").asText().startsWith(PREFIX) && g.path("qualifier_method").asText().equals(method)) {
                    call(client, "DeleteCustomerGroup", Json.object().put("customer_group_id", g.path("customer_group_id").asText()));
                }
            }
        }
    }

    private static String call(HttpOperationClient client, String operation, ObjectNode body) throws InterruptedException {
        try {
            HttpOperationClient.Answer answer = client.call(operation, Json.write(body).getBytes(StandardCharsets.UTF_8));
            if (answer.status() != 200) throw new IllegalStateException(operation + " failed: " + answer.text());
            return answer.text();
        } catch (IOException e) {
            throw new IllegalStateException(operation + " failed: " + e, e);
        }
    }

    /** JVM and PostgreSQL CPU per call of a pass, in ms; NaN when the PostgreSQL side could not be measured. */
    private static double cpuMillisPerCall(BenchHarness.Pass p) {
        if (p.cpu() == null || p.cpu().jvmNanos() < 0 || p.cpu().postgresNanos() < 0 || p.calls() == 0) return Double.NaN;
        return (p.cpu().jvmNanos() + p.cpu().postgresNanos()) / 1e6 / p.calls();
    }

    void printSummary(PrintStream out, BenchHarness harness, Results r, double loadBefore, double loadAfter) {
        harness.printContext(out, "Clientele bench: groups", server.poolSize, server.requestLog, seed, loadBefore, loadAfter);
        BenchHarness.row(out, "data set", String.format(Locale.ROOT, "%,d customers (%,d with %,d commerce records), tenant %s (%s)",
                customers, historyCustomers, records, r.tenantId(), r.dataNote()));
        out.println();
        out.println("  enabling each group (its full evaluation, in EditCustomerGroup's transaction)");
        for (Enabled e : r.enabled()) {
            out.printf(Locale.ROOT, "    %-28s %-16s %8.2f s %,12d members%n", e.name(), e.method(), e.seconds(), e.members());
        }
        out.println();
        BenchHarness.printPasses(out, "items", r.before(), r.after(), r.disabled());
        out.println();
        BenchHarness.printCpu(out, "call", r.before(), r.after(), r.disabled());
        out.println();
        Histogram b = r.disabled().latency();
        Histogram a = r.after().latency();
        double addedMean = (a.getMean() - b.getMean()) / 1e6;
        double addedP50 = BenchHarness.ms(a.getValueAtPercentile(50) - b.getValueAtPercentile(50));
        double addedCpu = cpuMillisPerCall(r.after()) - cpuMillisPerCall(r.disabled());
        out.println("  targets (issue 5, 2 cores)");
        out.printf(Locale.ROOT, "    full sweep <= 30 s                  %.2f s for %d groups (%,d memberships changed): %s%n",
                r.sweepSeconds(), r.enabled().size(), r.sweepChanges(), r.sweepSeconds() <= 30 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "    <= 1 ms added per write             %.2f ms mean, %.2f ms p50 (CreateSale with 20 groups minus with them"
                + " disabled, both after warm-up; CPU %.2f ms per call): %s%n", addedMean, addedP50, addedCpu, addedMean <= 1 ? "met" : "NOT met");
        if (!r.errorSamples().isEmpty()) {
            out.println();
            out.println("  first errors:");
            r.errorSamples().forEach(e -> out.println("    " + e));
        }
    }
}
