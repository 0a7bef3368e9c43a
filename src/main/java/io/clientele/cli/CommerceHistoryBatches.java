package io.clientele.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code ImportCommerceHistory} bodies for {@code bench commerce}: {@code customers} customers (from
 * {@link SyntheticCustomers}) and exactly {@code records} commerce records among them, in batches of at most
 * {@link #MAX_RECORDS} records, each batch a block of consecutive customers with all of their history.
 *
 * <p>Realistic mix: a customer's share of the records is skewed (prospects and leads get few, some customers
 * many); sales come from {@link DemoHistory#sale} (statuses, lines, discounts, taxes, campaigns and shops as
 * the demo has them) spread over the demo's two years, and a sale the demo would refund gets a refund record
 * (in full or in part). Deterministic by seed; call {@link #next} in order.
 *
 * <p>Other kinds (subscriptions, renewals, shipments, chargebacks, ...) once ImportCommerceHistory takes them:
 * add a {@link Kind}, give it a share in {@link #history} (it consumes the customer's record quota like a
 * refund does), and write its record there; the totals stay exact.
 */
final class CommerceHistoryBatches {
    static final int MAX_RECORDS = 500;

    /** The kinds of record a batch holds (customers are not counted as commerce records). */
    enum Kind { SALE, REFUND }

    /** One call's body: customers {@code firstCustomer} .. + {@code customers}, with {@code records} commerce records. */
    record Batch(int index, int firstCustomer, int customers, int records, int[] byKind, byte[] body) {}

    /** The tenant's catalogue the sales refer to. */
    record Catalogue(List<DemoHistory.DemoProduct> products, List<String> campaigns, List<String> shops) {}

    private final long seed;
    private final int customers;
    private final long records;
    private final int perBatch;
    private final Catalogue catalogue;
    private final Instant anchor;
    private final SyntheticCustomers synthetic;
    private int nextBatch;

    CommerceHistoryBatches(long seed, int customers, long records, Catalogue catalogue, Instant anchor) {
        if (customers < 1) throw new IllegalArgumentException("--customers must be at least 1");
        if (records < 0 || records > 400L * customers) {
            throw new IllegalArgumentException("--records must be between 0 and 400 per customer (" + 400L * customers + ")");
        }
        this.seed = seed;
        this.customers = customers;
        this.records = records;
        this.catalogue = catalogue;
        this.anchor = anchor;
        // A block's customers and records: b + b * records / customers + 1 <= MAX_RECORDS.
        this.perBatch = (int) Math.max(1, Math.min(customers, (MAX_RECORDS - 1) / (1 + (double) records / customers)));
        this.synthetic = new SyntheticCustomers(seed, catalogue.campaigns());
    }

    int batches() {
        return (customers + perBatch - 1) / perBatch;
    }

    int customersPerBatch() {
        return perBatch;
    }

    /** Commerce records of customers [0, n): the exact split of {@code records}. */
    private long recordsBefore(long n) {
        return Math.floorDiv(n * records, customers);
    }

    /** The next batch, or null after the last. */
    synchronized Batch next() {
        if (nextBatch >= batches()) return null;
        int b = nextBatch++;
        int first = b * perBatch;
        int end = Math.min(customers, first + perBatch);
        int quota = (int) (recordsBefore(end) - recordsBefore(first));
        Random random = new Random(seed * 7_919L + b);
        ObjectNode[] people = new ObjectNode[end - first];
        double[] weight = new double[people.length];
        double total = 0;
        for (int n = first; n < end; n++) {
            ObjectNode c = synthetic.nextCustomer(n).put("external_id", customerExternalId(n));
            people[n - first] = c;
            double stage = switch (c.path("lifecycle_stage").asText("customer")) {
                case "prospect" -> 0.1;
                case "lead" -> 0.4;
                default -> 1.0;
            };
            weight[n - first] = stage * (0.2 - Math.log(1 - random.nextDouble()));
            total += weight[n - first];
        }
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("records");
        for (ObjectNode c : people) list.addObject().set("customer", c);
        int[] byKind = new int[Kind.values().length];
        double cumulative = 0;
        long given = 0;
        for (int k = 0; k < people.length; k++) {
            cumulative += weight[k];
            long upTo = k == people.length - 1 ? quota : Math.round(cumulative / total * quota);
            int share = (int) (upTo - given);
            given = upTo;
            history(random, first + k, people[k], share, list, byKind);
        }
        return new Batch(b, first, people.length, quota, byKind, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** Customer {@code n}'s {@code share} commerce records, oldest first. */
    private void history(Random random, int n, ObjectNode customer, int share, ArrayNode out, int[] byKind) {
        boolean lead = customer.path("lifecycle_stage").asText("").equals("lead");
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < share; i++) {
            times.add(anchor.minusSeconds(60 + (long) (random.nextDouble() * (DemoHistory.SPAN.toSeconds() - 60))));
        }
        times.sort(null);
        int left = share;
        for (int i = 0; left > 0; i++) {
            DemoHistory.PlannedSale planned = DemoHistory.sale(random, n, i, times.get(share - left), lead,
                    catalogue.products(), catalogue.campaigns(), catalogue.shops());
            ObjectNode sale = planned.body().put("customer_external_id", customerExternalId(n));
            out.addObject().set("sale", sale);
            byKind[Kind.SALE.ordinal()]++;
            left--;
            boolean refunded = planned.later() == DemoHistory.Later.REFUNDED_IN_FULL || planned.later() == DemoHistory.Later.REFUNDED_IN_PART;
            if (refunded && left > 0) {
                ObjectNode refund = out.addObject().putObject("refund")
                        .put("external_id", "ref-" + sale.path("external_id").asText())
                        .put("sale_external_id", sale.path("external_id").asText())
                        .put("reason", planned.refundReason());
                BigDecimal amount = planned.refundAmount();
                if (amount != null) refund.put("amount", amount); // none: all that is left
                byKind[Kind.REFUND.ordinal()]++;
                left--;
            }
        }
    }

    static String customerExternalId(int n) {
        return "c-" + n;
    }

    /** {@code n} of {@code c-n}, or -1. */
    static int customerIndex(String externalId) {
        return externalId != null && externalId.startsWith("c-") ? Integer.parseInt(externalId.substring(2)) : -1;
    }
}
