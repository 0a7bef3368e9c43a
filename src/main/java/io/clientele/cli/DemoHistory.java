package io.clientele.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.operation.CallResult;
import io.clientele.operation.Caller;
import io.clientele.operation.OperationExecutor;
import io.clientele.platform.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import net.datafaker.Faker;

/**
 * A tenant's synthetic history for {@code ./clientele demo}, written through the operations (in process, as
 * an API key of the tenant), so lifetime values, events and the audit trail are what real calls make.
 *
 * <p>Deterministic by seed: the same seed gives the same catalogue, customers, sales, amounts, statuses,
 * refunds, subscriptions with their renewals, shipments, chargebacks and fraud detections (ids and record
 * times differ). Each customer's history is planned from randoms of its own (one for sales, notes and
 * metadata; a second for the other records, so adding them left the sales of a seed as they were), so
 * the customers can be loaded in parallel without changing what is loaded.
 *
 * <p>Extension points, for a new kind of record: plan it in {@link #plan}, give {@link CustomerHistory}
 * (or {@link PlannedSale}) a field for it, write it in {@link #load}, and count it in {@link Summary}.
 */
final class DemoHistory {
    static final int DEFAULT_CUSTOMERS = 1_000;
    /** How far back the history goes from the start of today (UTC). */
    static final Duration SPAN = Duration.ofDays(730);
    private static final int BATCH = 500;
    private static final int THREADS = 4;

    private static final String[] GROUPS = {"Garden", "Tools", "Outdoor Living", "Apparel", "Home", "Pets"};
    private static final String[] CAMPAIGNS = {"Spring Sale", "Summer Clearance", "Black Friday", "Cyber Monday",
            "Holiday Gift Guide", "Newsletter Welcome Offer"};
    private static final String[][] SHOPS = {{"Amazon", "https://www.amazon.com"}, {"eBay", "https://www.ebay.com"},
            {"Etsy", "https://www.etsy.com"}};
    private static final String[][] DECLINES = {{"05", "Do not honor"}, {"51", "Insufficient funds"}, {"54", "Expired card"},
            {"14", "Invalid card number"}};
    private static final String[] REFUND_REASONS = {"Damaged in transit", "Wrong size", "Changed mind", "Late delivery",
            "Not as described"};
    private static final String[] NOTES = {"Asked about delivery times to their region.",
            "Prefers email over phone; do not call before 10am.", "Called about a missing parcel; resolved with the courier.",
            "Interested in wholesale pricing for next season.", "Complained about packaging; offered 10% off the next order.",
            "Requested an invoice with their company VAT number."};
    private static final String[] TIERS = {"bronze", "silver", "gold"};
    private static final String[] CARRIERS = {"UPS", "FedEx", "USPS", "DHL"};
    private static final String[] CHARGEBACK_REASONS = {"10.4 Fraud - card absent", "13.1 Merchandise not received",
            "13.3 Not as described", "12.6 Duplicate processing"};
    private static final String[] FRAUD_REASONS = {"Card used from three countries in an hour", "Billing and shipping countries differ",
            "Many declined attempts with different cards", "Email address on a disposable domain"};

    /** What a run loaded, for the summary. */
    record Summary(String tenantId, int customers, int productGroups, int products, int campaigns, int shops,
                   Map<String, Integer> salesByStatus, int refunds, BigDecimal paid, BigDecimal refunded, int notes,
                   Map<String, Integer> subscriptionsByStatus, Map<String, Integer> renewalsByStatus, int salvagedRenewals,
                   Map<String, Integer> shipmentsByStatus, int chargebacks, BigDecimal chargedBack, int fraudDetections) {
        int sales() {
            return total(salesByStatus);
        }

        int subscriptions() {
            return total(subscriptionsByStatus);
        }

        int renewals() {
            return total(renewalsByStatus);
        }

        int shipments() {
            return total(shipmentsByStatus);
        }

        private static int total(Map<String, Integer> counts) {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A product of the demo catalogue, with its catalogue price. */
    record DemoProduct(String productId, BigDecimal price) {}

    /**
     * One planned sale: the CreateSale body, then what happens to it later, its shipment (null for none;
     * made once the sale is paid, before any refund), a chargeback reason (null for none) and a fraud
     * detection score (null for none).
     */
    record PlannedSale(ObjectNode body, Later later, BigDecimal refundAmount, String refundReason, PlannedShipment shipment,
                       String chargebackReason, Integer fraudScore) {
        PlannedSale(ObjectNode body, Later later, BigDecimal refundAmount, String refundReason) {
            this(body, later, refundAmount, refundReason, null, null, null);
        }

        PlannedSale with(PlannedShipment newShipment, String newChargebackReason, Integer newFraudScore) {
            return new PlannedSale(body, later, refundAmount, refundReason, newShipment, newChargebackReason, newFraudScore);
        }
    }

    enum Later { NOTHING, SALVAGED, VOIDED, REFUNDED_IN_FULL, REFUNDED_IN_PART }

    /** A shipment: where it ends (created, shipped, delivered or returned), its carrier and when each move happened. */
    record PlannedShipment(String finalStatus, String carrier, String trackingNumber, Instant shippedAt, Instant deliveredAt,
                           Instant returnedAt) {}

    /** One renewal: when, its status, and whether a failed one was salvaged (moved to success) later. */
    record PlannedRenewal(Instant renewedAt, String status, boolean salvaged) {}

    /**
     * A subscription: its product, interval, start (and trial end, for a trial), its renewals oldest first,
     * when it renews next, and the status it is moved to at the end (null: stays as created).
     */
    record PlannedSubscription(int product, String intervalUnit, Instant startedAt, Instant trialEndsAt, Instant nextRenewalAt,
                               List<PlannedRenewal> renewals, String finalStatus) {}

    /**
     * Everything planned for one customer: sales oldest first, support notes, metadata (name, value),
     * subscriptions, and a fraud detection score on the customer itself (null for none).
     */
    record CustomerHistory(List<PlannedSale> sales, List<String> notes, List<String[]> metadata,
                           List<PlannedSubscription> subscriptions, Integer customerFraudScore) {}

    private final long seed;
    private final int customers;
    private final Instant anchor;

    DemoHistory(long seed, int customers, Clock clock) {
        this.seed = seed;
        this.customers = customers;
        this.anchor = clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    /** How many progress steps {@link #load} reports: one per customer created, one per customer's history. */
    long steps() {
        return 2L * customers;
    }

    /** Loads the whole history into the caller's tenant; {@code progress} hears the steps as they are done. */
    Summary load(OperationExecutor executor, Caller caller, LongConsumer progress) throws InterruptedException {
        Random random = new Random(seed);
        Faker faker = new Faker(Locale.US, new Random(seed + 11));

        List<String> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS.length; i++) {
            groups.add(call(executor, caller, "UpsertProductGroup", Json.object().put("name", GROUPS[i])
                    .put("internal_id", "grp-" + (i + 1))).path("product_group_id").asText());
        }
        List<DemoProduct> products = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BigDecimal price = BigDecimal.valueOf(4 + random.nextInt(196)).add(new BigDecimal("0.99"));
            ObjectNode product = Json.object()
                    .put("name", faker.commerce().productName())
                    .put("sku", "SKU-" + (10_000 + i))
                    .put("internal_id", "erp-" + (500 + i))
                    .put("price", price)
                    .put("product_group_id", groups.get(random.nextInt(groups.size())));
            products.add(new DemoProduct(call(executor, caller, "UpsertProduct", product).path("product_id").asText(), price));
        }
        List<String> campaigns = new ArrayList<>();
        for (int i = 0; i < CAMPAIGNS.length; i++) {
            campaigns.add(call(executor, caller, "UpsertCampaign", Json.object().put("name", CAMPAIGNS[i])
                    .put("internal_id", "cmp-" + (i + 1))).path("campaign_id").asText());
        }
        List<String> shops = new ArrayList<>();
        for (String[] shop : SHOPS) {
            shops.add(call(executor, caller, "UpsertThirdPartyShop", Json.object().put("name", shop[0]).put("url", shop[1]))
                    .path("third_party_shop_id").asText());
        }

        SyntheticCustomers synthetic = new SyntheticCustomers(seed, campaigns);
        List<ObjectNode> bodies = new ArrayList<>(customers);
        for (int n = 0; n < customers; n++) bodies.add(synthetic.nextCustomer(n));
        List<String> customerIds = new ArrayList<>(customers);
        for (int from = 0; from < customers; from += BATCH) {
            ArrayNode batch = Json.MAPPER.createArrayNode();
            bodies.subList(from, Math.min(customers, from + BATCH)).forEach(batch::add);
            JsonNode created = call(executor, caller, "CreateCustomers", Json.object().set("customers", batch));
            created.path("customer_ids").forEach(id -> customerIds.add(id.asText()));
            progress.accept(batch.size());
        }

        Counts counts = new Counts();
        AtomicInteger notes = new AtomicInteger();
        BigDecimal[] money = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < customers; n++) {
                CustomerHistory history = plan(n, bodies.get(n), products, campaigns, shops);
                List<DemoProduct> catalogue = products;
                String customerId = customerIds.get(n);
                done.add(threads.submit(() -> {
                    BigDecimal[] mine = load(executor, caller, customerId, history, catalogue, counts);
                    notes.addAndGet(history.notes().size());
                    synchronized (money) {
                        money[0] = money[0].add(mine[0]);
                        money[1] = money[1].add(mine[1]);
                        money[2] = money[2].add(mine[2]);
                    }
                    progress.accept(1);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        return new Summary(caller.tenant().value(), customerIds.size(), groups.size(), products.size(), campaigns.size(),
                shops.size(), Counts.sorted(counts.sales), counts.refunds.get(), money[0], money[1], notes.get(),
                Counts.sorted(counts.subscriptions), Counts.sorted(counts.renewals), counts.salvagedRenewals.get(),
                Counts.sorted(counts.shipments), counts.chargebacks.get(), money[2], counts.fraudDetections.get());
    }

    /** What the loading threads count, for the summary. */
    private static final class Counts {
        final Map<String, AtomicInteger> sales = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> subscriptions = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> renewals = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> shipments = new ConcurrentHashMap<>();
        final AtomicInteger refunds = new AtomicInteger();
        final AtomicInteger salvagedRenewals = new AtomicInteger();
        final AtomicInteger chargebacks = new AtomicInteger();
        final AtomicInteger fraudDetections = new AtomicInteger();

        static void add(Map<String, AtomicInteger> counts, String key) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        static Map<String, Integer> sorted(Map<String, AtomicInteger> counts) {
            Map<String, Integer> out = new TreeMap<>();
            counts.forEach((key, count) -> out.put(key, count.get()));
            return out;
        }
    }

    /**
     * The n-th customer's history, from a random of its own: prospects bought nothing, leads at most tried,
     * the others bought one to ten times, with realistic decline, abandonment, void and refund rates.
     */
    CustomerHistory plan(int n, JsonNode customer, List<DemoProduct> products, List<String> campaigns, List<String> shops) {
        Random random = new Random(seed * 1_000_003L + n);
        String stage = customer.path("lifecycle_stage").asText("customer");
        int count = switch (stage) {
            case "prospect" -> 0;
            case "lead" -> random.nextInt(100) < 30 ? 1 : 0;
            default -> {
                int k = 1;
                while (k < 10 && random.nextInt(100) < 55) k++;
                yield k;
            }
        };
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(anchor.minusSeconds(60 + (long) (random.nextDouble() * (SPAN.toSeconds() - 60))));
        }
        times.sort(Comparator.naturalOrder());
        List<PlannedSale> sales = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sales.add(sale(random, n, i, times.get(i), stage.equals("lead"), products, campaigns, shops));
        }
        List<String> notes = new ArrayList<>();
        if (random.nextInt(100) < 20) notes.add(NOTES[random.nextInt(NOTES.length)]);
        if (random.nextInt(100) < 5) notes.add(NOTES[random.nextInt(NOTES.length)]);
        List<String[]> metadata = new ArrayList<>();
        if (count > 0 && random.nextInt(100) < 40) metadata.add(new String[] {"loyalty_tier", TIERS[Math.min(2, count / 3)]});
        if (random.nextInt(100) < 10) metadata.add(new String[] {"affiliate_id", "aff_" + (1 + random.nextInt(25))});

        Random more = new Random((seed * 1_000_003L + n) ^ 0x5DEECE66DL);
        for (int i = 0; i < sales.size(); i++) sales.set(i, aftermath(more, n, i, sales.get(i)));
        List<PlannedSubscription> subscriptions = new ArrayList<>();
        if (!stage.equals("prospect") && more.nextInt(100) < (stage.equals("lead") ? 5 : 18)) {
            subscriptions.add(subscription(more, products.size()));
            if (more.nextInt(100) < 15) subscriptions.add(subscription(more, products.size()));
        }
        Integer customerFraud = null;
        if (more.nextInt(1000) < 8) customerFraud = 60 + more.nextInt(40);
        return new CustomerHistory(sales, notes, metadata, subscriptions, customerFraud);
    }

    /**
     * A sale's shipment, chargeback and fraud detection: most paid sales are shipped (a few still in transit or
     * just created, about 3% returned), about 1% of paid sales are charged back, a few declined sales are flagged.
     */
    private PlannedSale aftermath(Random more, int n, int i, PlannedSale sale) {
        String status = sale.body().path("status").asText();
        Instant soldAt = Instant.parse(sale.body().path("sold_at").asText());
        boolean endsPaid = switch (sale.later()) {
            case NOTHING, REFUNDED_IN_PART -> status.equals("paid");
            case SALVAGED -> true;
            default -> false;
        };
        PlannedShipment shipment = null;
        if (endsPaid && more.nextInt(100) < 90) {
            int s = more.nextInt(100);
            Instant shipped = earlier(soldAt.plus(Duration.ofHours(12 + more.nextInt(48))));
            Instant delivered = earlier(shipped.plus(Duration.ofDays(1 + more.nextInt(6))));
            boolean recent = soldAt.isAfter(anchor.minus(Duration.ofDays(10)));
            String end = s < 3 ? "created" : s < 8 || recent && s < 40 ? "shipped" : s < 97 ? "delivered" : "returned";
            shipment = new PlannedShipment(end, CARRIERS[more.nextInt(CARRIERS.length)], "TRK" + (100_000 + n) + "-" + (i + 1),
                    end.equals("created") ? null : shipped, end.equals("delivered") || end.equals("returned") ? delivered : null,
                    end.equals("returned") ? earlier(delivered.plus(Duration.ofDays(3 + more.nextInt(20)))) : null);
        }
        String chargeback = sale.later() == Later.NOTHING && status.equals("paid") && more.nextInt(1000) < 12
                ? CHARGEBACK_REASONS[more.nextInt(CHARGEBACK_REASONS.length)] : null;
        Integer fraud = null;
        if (status.endsWith("declined") && more.nextInt(100) < 4) fraud = 70 + more.nextInt(30);
        else if (chargeback != null && more.nextInt(100) < 30) fraud = 50 + more.nextInt(40);
        return sale.with(shipment, chargeback, fraud);
    }

    /**
     * A subscription: monthly mostly, yearly sometimes. About one in eight is a trial started in the last ten
     * days; the others started within the span and renewed every interval since (about 88% successfully, the
     * failed ones salvaged half the time), about 12% were cancelled after a while, and one whose newest
     * renewal did not go through is overdue.
     */
    private PlannedSubscription subscription(Random more, int products) {
        int product = more.nextInt(products);
        String unit = more.nextInt(100) < 80 ? "month" : "year";
        if (more.nextInt(100) < 12) {
            Instant started = anchor.minus(Duration.ofHours(1 + more.nextInt(240)));
            Instant trialEnds = started.plus(Duration.ofDays(14));
            return new PlannedSubscription(product, unit, started, trialEnds, trialEnds, List.of(), null);
        }
        Instant started = anchor.minusSeconds(3_600 + (long) (more.nextDouble() * (SPAN.toSeconds() - 3_600)));
        List<Instant> due = new ArrayList<>();
        for (Instant at = next(started, unit); at.isBefore(anchor); at = next(at, unit)) due.add(at);
        boolean cancelled = more.nextInt(100) < 12;
        int count = cancelled && !due.isEmpty() ? more.nextInt(due.size() + 1) : due.size();
        List<PlannedRenewal> renewals = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int r = more.nextInt(100);
            String status = r < 88 ? "success" : r < 96 ? "failed" : "overdue";
            renewals.add(new PlannedRenewal(due.get(k), status, !status.equals("success") && more.nextInt(100) < 50));
        }
        PlannedRenewal last = renewals.isEmpty() ? null : renewals.getLast();
        String end = cancelled ? "cancelled" : last != null && !last.status().equals("success") && !last.salvaged() ? "overdue" : null;
        Instant nextRenewal = count == 0 ? next(started, unit) : next(renewals.getLast().renewedAt(), unit);
        return new PlannedSubscription(product, unit, started, null, nextRenewal, renewals, end);
    }

    private static Instant next(Instant at, String unit) {
        var utc = at.atOffset(java.time.ZoneOffset.UTC);
        return (unit.equals("year") ? utc.plusYears(1) : utc.plusMonths(1)).toInstant();
    }

    /** {@code at}, or the start of today when that is later: nothing is recorded in the future. */
    private Instant earlier(Instant at) {
        return at.isAfter(anchor) ? anchor : at;
    }

    static PlannedSale sale(Random random, int n, int i, Instant soldAt, boolean lead, List<DemoProduct> products,
                                    List<String> campaigns, List<String> shops) {
        ObjectNode body = Json.object().put("external_id", "ord-" + (100_000 + n) + "-" + (i + 1)).put("sold_at", soldAt.toString());
        int r = random.nextInt(100);
        String status = lead ? (r < 60 ? "pending_abandoned" : "pending_declined")
                : r < 82 ? "paid" : r < 89 ? "pending_declined" : r < 93 ? "pending_abandoned" : "failed_declined";
        body.put("status", status);
        if (random.nextInt(100) < 20) body.put("campaign_id", campaigns.get(random.nextInt(campaigns.size())));
        if (random.nextInt(100) < 12) body.put("third_party_shop_id", shops.get(random.nextInt(shops.size())));

        int lines = 1 + (random.nextInt(100) < 60 ? 0 : random.nextInt(100) < 75 ? 1 : 2);
        List<DemoProduct> chosen = new ArrayList<>();
        while (chosen.size() < lines) {
            DemoProduct p = products.get(random.nextInt(products.size()));
            if (!chosen.contains(p)) chosen.add(p);
        }
        boolean taxed = random.nextInt(100) < 60;
        BigDecimal total = BigDecimal.ZERO;
        ArrayNode productSales = body.putArray("product_sales");
        for (int l = 0; l < chosen.size(); l++) {
            DemoProduct p = chosen.get(l);
            int q = random.nextInt(100);
            int quantity = q < 70 ? 1 : q < 90 ? 2 : 3 + random.nextInt(3);
            BigDecimal gross = p.price().multiply(BigDecimal.valueOf(quantity));
            ObjectNode line = productSales.addObject().put("product_id", p.productId()).put("quantity", quantity);
            BigDecimal discount = random.nextInt(100) < 15 ? cents(gross.multiply(new BigDecimal("0.15"))) : BigDecimal.ZERO;
            BigDecimal tax = taxed ? cents(gross.subtract(discount).multiply(new BigDecimal("0.08"))) : BigDecimal.ZERO;
            BigDecimal shipping = l == 0 && gross.compareTo(new BigDecimal("75")) < 0 ? new BigDecimal("4.99") : BigDecimal.ZERO;
            if (discount.signum() > 0) line.put("discount", discount);
            if (tax.signum() > 0) line.put("tax", tax);
            if (shipping.signum() > 0) line.put("shipping", shipping);
            if (l > 0 && l == chosen.size() - 1 && random.nextInt(100) < 30) line.put("upsell", true);
            total = total.add(gross).subtract(discount).add(tax).add(shipping);
        }
        if (!status.equals("pending_abandoned")) {
            String[] answer = status.equals("paid") ? new String[] {"00", "Approved"} : DECLINES[random.nextInt(DECLINES.length)];
            body.putObject("transaction").put("gateway_response_code", answer[0]).put("gateway_response_message", answer[1]);
        }

        int fate = random.nextInt(100);
        return switch (status) {
            case "paid" -> fate < 3 ? new PlannedSale(body, Later.VOIDED, null, null)
                    : fate < 7 ? new PlannedSale(body, Later.REFUNDED_IN_FULL, null, reason(random))
                    : fate < 11 ? new PlannedSale(body, Later.REFUNDED_IN_PART,
                            cents(total.multiply(BigDecimal.valueOf(10 + random.nextInt(60), 2))).max(new BigDecimal("1.00")),
                            reason(random))
                    : new PlannedSale(body, Later.NOTHING, null, null);
            case "pending_declined" -> new PlannedSale(body, fate < 30 ? Later.SALVAGED : Later.NOTHING, null, null);
            default -> new PlannedSale(body, Later.NOTHING, null, null);
        };
    }

    /** Writes one customer's history; answers what it paid (successful sales), what was refunded and charged back. */
    private static BigDecimal[] load(OperationExecutor executor, Caller caller, String customerId, CustomerHistory history,
                                     List<DemoProduct> products, Counts counts) {
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        BigDecimal chargedBack = BigDecimal.ZERO;
        for (PlannedSale planned : history.sales()) {
            ObjectNode body = planned.body().deepCopy().put("customer_id", customerId);
            JsonNode created = call(executor, caller, "CreateSale", body);
            String saleId = created.path("sale_id").asText();
            BigDecimal total = created.path("total").decimalValue();
            String status = created.path("status").asText();
            if (planned.later() == Later.SALVAGED) {
                status = call(executor, caller, "EditSale", Json.object().put("sale_id", saleId).put("status", "paid")
                        .set("transaction", gateway("00", "Approved"))).at("/sale/status").asText();
            }
            if (planned.shipment() != null) ship(executor, caller, saleId, planned.shipment(), counts);
            switch (planned.later()) {
                case SALVAGED -> { }
                case VOIDED -> status = call(executor, caller, "EditSale", Json.object().put("sale_id", saleId).put("status", "void")
                        .set("transaction", gateway("00", "Voided"))).at("/sale/status").asText();
                case REFUNDED_IN_FULL, REFUNDED_IN_PART -> {
                    ObjectNode refund = Json.object().put("sale_id", saleId).put("reason", planned.refundReason());
                    BigDecimal amount = planned.refundAmount() == null ? total : planned.refundAmount().min(total);
                    refund.put("amount", amount);
                    refund.set("transaction", gateway("00", "Refunded"));
                    status = call(executor, caller, "CreateRefund", refund).path("sale_status").asText();
                    counts.refunds.incrementAndGet();
                    refunded = refunded.add(amount);
                }
                case NOTHING -> { }
            }
            if (status.equals("paid") || status.equals("partially_refunded") || status.equals("refunded")) paid = paid.add(total);
            Counts.add(counts.sales, status);
            if (planned.chargebackReason() != null) {
                JsonNode chargeback = call(executor, caller, "CreateChargeback", Json.object().put("sale_id", saleId)
                        .put("reason", planned.chargebackReason()));
                chargedBack = chargedBack.add(chargeback.at("/chargeback/amount").decimalValue());
                counts.chargebacks.incrementAndGet();
            }
            if (planned.fraudScore() != null) {
                call(executor, caller, "CreateFraudDetection", Json.object().put("sale_id", saleId).put("source", "demo-risk-engine")
                        .put("score", planned.fraudScore()).put("reason", FRAUD_REASONS[planned.fraudScore() % FRAUD_REASONS.length]));
                counts.fraudDetections.incrementAndGet();
            }
        }
        for (PlannedSubscription planned : history.subscriptions()) subscribe(executor, caller, customerId, planned, products, counts);
        if (history.customerFraudScore() != null) {
            int score = history.customerFraudScore();
            call(executor, caller, "CreateFraudDetection", Json.object().put("customer_id", customerId).put("source", "demo-risk-engine")
                    .put("score", score).put("reason", FRAUD_REASONS[score % FRAUD_REASONS.length]));
            counts.fraudDetections.incrementAndGet();
        }
        for (String note : history.notes()) {
            call(executor, caller, "CreateNote", Json.object().put("item_type", "customer").put("item_id", customerId).put("text", note));
        }
        if (!history.metadata().isEmpty()) {
            ObjectNode metadata = Json.object().put("item_type", "customer").put("item_id", customerId);
            ArrayNode entries = metadata.putArray("metadata");
            history.metadata().forEach(m -> entries.addObject().put("name", m[0]).put("value", m[1]));
            call(executor, caller, "InsertMetadata", metadata);
        }
        return new BigDecimal[] {paid, refunded, chargedBack};
    }

    private static void ship(OperationExecutor executor, Caller caller, String saleId, PlannedShipment s, Counts counts) {
        String shippingId = call(executor, caller, "CreateShipping", Json.object().put("sale_id", saleId).put("carrier", s.carrier())
                .put("tracking_number", s.trackingNumber())).path("shipping_id").asText();
        if (s.shippedAt() != null) move(executor, caller, shippingId, "shipped", s.shippedAt());
        if (s.deliveredAt() != null) move(executor, caller, shippingId, "delivered", s.deliveredAt());
        if (s.returnedAt() != null) move(executor, caller, shippingId, "returned", s.returnedAt());
        Counts.add(counts.shipments, s.finalStatus());
    }

    private static void move(OperationExecutor executor, Caller caller, String shippingId, String status, Instant at) {
        call(executor, caller, "EditShipping", Json.object().put("shipping_id", shippingId).put("status", status).put("at", at.toString()));
    }

    private static void subscribe(OperationExecutor executor, Caller caller, String customerId, PlannedSubscription s,
                                  List<DemoProduct> products, Counts counts) {
        ObjectNode body = Json.object().put("customer_id", customerId).put("product_id", products.get(s.product()).productId())
                .put("interval_unit", s.intervalUnit()).put("started_at", s.startedAt().toString())
                .put("next_renewal_at", s.nextRenewalAt().toString());
        if (s.trialEndsAt() != null) body.put("status", "trial").put("trial_ends_at", s.trialEndsAt().toString());
        JsonNode created = call(executor, caller, "CreateSubscription", body);
        String subscriptionId = created.path("subscription_id").asText();
        String status = created.at("/subscription/status").asText();
        for (PlannedRenewal r : s.renewals()) {
            JsonNode renewal = call(executor, caller, "CreateSubscriptionRenewal", Json.object().put("subscription_id", subscriptionId)
                    .put("status", r.status()).put("renewed_at", r.renewedAt().toString()));
            String renewalStatus = r.status();
            if (r.salvaged()) {
                renewalStatus = call(executor, caller, "EditSubscriptionRenewal", Json.object()
                        .put("subscription_renewal_id", renewal.path("subscription_renewal_id").asText()).put("status", "success"))
                        .at("/subscription_renewal/status").asText();
                counts.salvagedRenewals.incrementAndGet();
            }
            Counts.add(counts.renewals, renewalStatus);
        }
        if (s.finalStatus() != null) {
            status = call(executor, caller, "EditSubscription", Json.object().put("subscription_id", subscriptionId)
                    .put("status", s.finalStatus())).at("/subscription/status").asText();
        }
        Counts.add(counts.subscriptions, status);
    }

    private static JsonNode call(OperationExecutor executor, Caller caller, String operation, ObjectNode input) {
        CallResult result = executor.call(caller, operation, input);
        if (!result.succeeded()) {
            throw new IllegalStateException(operation + " failed while loading the demo history: " + result.body());
        }
        return result.body();
    }

    private static ObjectNode gateway(String code, String message) {
        return Json.object().put("gateway_response_code", code).put("gateway_response_message", message);
    }

    private static String reason(Random random) {
        return REFUND_REASONS[random.nextInt(REFUND_REASONS.length)];
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
