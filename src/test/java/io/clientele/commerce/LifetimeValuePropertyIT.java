package io.clientele.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.SaleBuilder;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For random histories of sale writes — sales created in every starting status with random lines,
 * discounts, taxes, shipping and upsells; status moves allowed and refused; refunds of sales and of lines,
 * partial, full and too large; chargebacks (allowed, too large, of unpaid sales), PayPal disputes, and fraud
 * detections on sales and on customers without sales; subscriptions created in every status and moved
 * (trials ending both ways, moves allowed and refused); renewals in every status, salvaged, moved, refunded
 * in part, in full and too much; and batches of sales and refunds imported in one call (all or nothing) — sent
 * through the real operations to the real database, the lifetime values
 * kept by deltas equal, field by field, both a plain model of the history and the rows
 * {@code RebuildLifetimeValues} recomputes from the records (which must change nothing). One tenant per try.
 */
class LifetimeValuePropertyIT {
    private static final int CUSTOMERS = 3;
    private static final List<String> PRODUCT_PRICES = List.of("9.99", "20.00", "0.50");
    private static final List<String> INITIAL = List.of("paid", "pending_declined", "pending_abandoned", "failed_declined");
    private static final List<String> TARGETS = List.of("paid", "failed_declined", "void");

    /** A write of the history. Sale and line numbers pick among the sales created so far (modulo their count). */
    sealed interface Write permits NewSale, Move, Refund, Chargeback, PaypalDispute, FraudDetection, NewSubscription,
            SubscriptionMove, NewRenewal, RenewalMove, RenewalRefund, Imported {}

    record Line(int product, int quantity, Integer priceCents, int discountCents, int taxCents, int shippingCents,
                boolean upsell) {}

    record NewSale(int customer, String status, int daysAgo, List<Line> lines) implements Write {}

    record Move(int sale, String to) implements Write {}

    /** {@code line} -1 refunds the sale; {@code amountCents} null refunds all that is left. */
    record Refund(int sale, int line, Integer amountCents) implements Write {}

    record Chargeback(int sale, int amountCents) implements Write {}

    record PaypalDispute(int sale, int amountCents) implements Write {}

    /** On a sale when {@code sale} is set, else on {@code customer}. */
    record FraudDetection(Integer sale, int customer) implements Write {}

    /** Subscription and renewal numbers pick among those created so far, like sale numbers. */
    record NewSubscription(int customer, int product, String status) implements Write {}

    record SubscriptionMove(int subscription, String to) implements Write {}

    /** {@code amountCents} null bills the subscription's price. */
    record NewRenewal(int subscription, String status, Integer amountCents, int daysAgo) implements Write {}

    record RenewalMove(int renewal, String to) implements Write {}

    /** {@code amountCents} null refunds all that is left. */
    record RenewalRefund(int renewal, Integer amountCents) implements Write {}

    /**
     * Sales, then refunds (of sales before the batch or in it), sent in one ImportCommerceHistory call: the
     * batched write path. All are recorded, or none when one of them is refused.
     */
    record Imported(List<NewSale> sales, List<Refund> refunds) implements Write {}

    @Property(tries = 50)
    void lifetimeValuesKeptByDeltasEqualTheModelAndTheRebuild(@ForAll("histories") List<Write> history) {
        Api.Tenant shop = TestServer.api().newTenant("Property");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) customers.add(shop.createCustomer());
        List<String> products = PRODUCT_PRICES.stream().map(price -> SaleBuilder.product(shop, price)).toList();
        Model model = new Model();

        for (Write write : history) {
            switch (write) {
                case NewSale s -> createSale(shop, model, customers, products, s);
                case Move m -> move(shop, model, m);
                case Refund r -> refund(shop, model, r);
                case Chargeback c -> chargeback(shop, model, c);
                case PaypalDispute d -> paypalDispute(shop, model, d);
                case FraudDetection f -> fraudDetection(shop, model, customers, f);
                case NewSubscription n -> createSubscription(shop, model, customers, products, n);
                case SubscriptionMove m -> moveSubscription(shop, model, m);
                case NewRenewal n -> renew(shop, model, n);
                case RenewalMove m -> moveRenewal(shop, model, m);
                case RenewalRefund r -> refundRenewal(shop, model, r);
                case Imported i -> importHistory(shop, model, customers, products, i);
            }
        }

        TenantRows rows = TenantRows.of(shop);
        Map<String, Map<String, Object>> kept = figures(rows);
        assertThat(kept).as("rows kept by deltas vs. the model").isEqualTo(model.figures(customers));
        Api.Response rebuild = shop.ok("RebuildLifetimeValues", Json.object());
        assertThat(rebuild.body().path("rows_changed").asInt()).as("rows the rebuild had to correct").isZero();
        assertThat(figures(rows)).as("rows after the rebuild").isEqualTo(kept);
    }

    // ------------------------------------------------------------------ writes

    /** A new sale's request body, and what the model needs of it. */
    private record Planned(ObjectNode body, Instant soldAt, List<BigDecimal> totals, BigDecimal discount, boolean upsell) {
        boolean refused() {
            return totals.stream().anyMatch(t -> t.signum() < 0);
        }
    }

    private static Planned plan(List<String> customers, List<String> products, NewSale s) {
        Instant soldAt = Instant.now().minus(Duration.ofDays(s.daysAgo())).truncatedTo(ChronoUnit.SECONDS);
        SaleBuilder sale = SaleBuilder.aSale().withStatus(s.status()).by(customers.get(s.customer())).soldAt(soldAt);
        List<BigDecimal> totals = new ArrayList<>();
        BigDecimal discount = BigDecimal.ZERO;
        boolean upsell = false;
        for (Line l : s.lines()) {
            BigDecimal price = l.priceCents() == null ? new BigDecimal(PRODUCT_PRICES.get(l.product())) : cents(l.priceCents());
            sale.of(products.get(l.product()), l.quantity()).discounted(cents(l.discountCents()).toPlainString())
                    .taxed(cents(l.taxCents()).toPlainString()).shipped(cents(l.shippingCents()).toPlainString());
            if (l.priceCents() != null) sale.at(price.toPlainString());
            if (l.upsell()) sale.asUpsell();
            totals.add(price.multiply(BigDecimal.valueOf(l.quantity())).subtract(cents(l.discountCents()))
                    .add(cents(l.taxCents())).add(cents(l.shippingCents())));
            discount = discount.add(cents(l.discountCents()));
            upsell |= l.upsell();
        }
        return new Planned(sale.build(), soldAt, totals, discount, upsell);
    }

    private static void createSale(Api.Tenant shop, Model model, List<String> customers, List<String> products, NewSale s) {
        Planned planned = plan(customers, products, s);
        Api.Response r = shop.call("CreateSale", planned.body());
        if (planned.refused()) {
            assertThat(r.status()).as("a line below zero is refused: %s", r).isEqualTo(400);
            return;
        }
        assertThat(r.ok()).as("%s -> %s", s, r).isTrue();
        List<String> lineIds = new ArrayList<>();
        r.body().path("product_sale_ids").forEach(id -> lineIds.add(id.asText()));
        model.sales.add(new Model.Sale(r.text("sale_id"), customers.get(s.customer()), s.status(), planned.soldAt(),
                planned.discount(), planned.upsell(), planned.totals(), lineIds));
    }

    private static void importHistory(Api.Tenant shop, Model model, List<String> customers, List<String> products,
                                      Imported batch) {
        ObjectNode body = Json.object();
        ArrayNode records = body.putArray("records");
        List<Model.Sale> added = new ArrayList<>();
        boolean salesRefused = false;
        for (NewSale s : batch.sales()) {
            Planned planned = plan(customers, products, s);
            String externalId = "s-" + java.util.UUID.randomUUID();
            records.addObject().set("sale", planned.body().put("external_id", externalId));
            salesRefused |= planned.refused();
            added.add(new Model.Sale(externalId, customers.get(s.customer()), s.status(), planned.soldAt(), planned.discount(),
                    planned.upsell(), planned.totals(), new ArrayList<>()));
        }
        // Work the refunds out on the model as the batch would, remembering what they change to undo it if refused.
        List<Model.Sale> candidates = new ArrayList<>(model.sales);
        candidates.addAll(added);
        Map<Model.Sale, Object[]> before = new java.util.IdentityHashMap<>();
        Integer refusal = salesRefused ? 400 : null;
        for (Refund refund : batch.refunds()) {
            if (candidates.isEmpty()) break;
            Model.Sale sale = candidates.get(refund.sale() % candidates.size());
            int line = refund.line() < 0 ? -1 : refund.line() % sale.lineTotals.size();
            ObjectNode in = records.addObject().putObject("refund").put("external_id", "r-" + java.util.UUID.randomUUID());
            if (added.contains(sale)) in.put("sale_external_id", sale.id);
            else in.put("sale_id", sale.id);
            if (line >= 0) in.put("product_sale_position", line);
            if (refund.amountCents() != null) in.put("amount", cents(refund.amountCents()));
            if (refusal != null) continue;
            BigDecimal left = sale.total().subtract(sale.refunded());
            if (line >= 0) left = left.min(sale.lineTotals.get(line).subtract(sale.lineRefunded[line]));
            BigDecimal amount = refund.amountCents() == null ? left : cents(refund.amountCents());
            boolean refundable = sale.status.equals("paid") || sale.status.equals("partially_refunded");
            if (!refundable || left.signum() == 0) {
                refusal = 409;
            } else if (amount.compareTo(left) > 0) {
                refusal = 400;
            } else {
                before.putIfAbsent(sale, new Object[] {sale.status, sale.lineRefunded.clone(), sale.refunds.size()});
                if (line >= 0) sale.lineRefunded[line] = sale.lineRefunded[line].add(amount);
                sale.refunds.add(amount);
                sale.status = sale.refunded().compareTo(sale.total()) == 0 ? "refunded" : "partially_refunded";
            }
        }

        if (records.isEmpty()) return; // only refunds, and no sale yet to refund
        Api.Response r = shop.call("ImportCommerceHistory", body);
        if (refusal != null) {
            assertThat(r.status()).as("%s: %s", batch, r).isEqualTo(refusal);
            before.forEach((sale, was) -> {
                sale.status = (String) was[0];
                System.arraycopy((BigDecimal[]) was[1], 0, sale.lineRefunded, 0, sale.lineRefunded.length);
                sale.refunds.subList((int) was[2], sale.refunds.size()).clear();
            });
            return;
        }
        assertThat(r.ok()).as("%s: %s", batch, r).isTrue();
        for (int n = 0; n < added.size(); n++) {
            JsonNode result = r.body().path("records").get(n);
            Model.Sale sale = added.get(n);
            sale.id = result.path("id").asText();
            result.path("product_sale_ids").forEach(id -> sale.lineIds.add(id.asText()));
        }
        model.sales.addAll(added);
    }

    private static void move(Api.Tenant shop, Model model, Move m) {
        if (model.sales.isEmpty()) return;
        Model.Sale sale = model.sales.get(m.sale() % model.sales.size());
        boolean allowed = switch (sale.status) {
            case "pending_declined", "pending_abandoned" -> m.to().equals("paid") || m.to().equals("failed_declined");
            case "paid" -> m.to().equals("void");
            default -> false;
        };
        Api.Response r = shop.call("EditSale", Json.object().put("sale_id", sale.id).put("status", m.to()));
        if (!allowed) {
            assertThat(r.status()).as("%s of a %s sale: %s", m, sale.status, r).isEqualTo(409);
            return;
        }
        assertThat(r.ok()).as("%s of a %s sale: %s", m, sale.status, r).isTrue();
        sale.status = m.to();
    }

    private static void refund(Api.Tenant shop, Model model, Refund refund) {
        if (model.sales.isEmpty()) return;
        Model.Sale sale = model.sales.get(refund.sale() % model.sales.size());
        int line = refund.line() < 0 ? -1 : refund.line() % sale.lineTotals.size();
        ObjectNode in = Json.object().put("sale_id", sale.id);
        if (line >= 0) in.put("product_sale_id", sale.lineIds.get(line));
        if (refund.amountCents() != null) in.put("amount", cents(refund.amountCents()));
        BigDecimal left = sale.total().subtract(sale.refunded());
        if (line >= 0) left = left.min(sale.lineTotals.get(line).subtract(sale.lineRefunded[line]));
        BigDecimal amount = refund.amountCents() == null ? left : cents(refund.amountCents());

        Api.Response r = shop.call("CreateRefund", in);
        boolean refundable = sale.status.equals("paid") || sale.status.equals("partially_refunded");
        if (!refundable || left.signum() == 0) {
            assertThat(r.status()).as("%s of a %s sale with %s left: %s", refund, sale.status, left, r).isEqualTo(409);
            return;
        }
        if (amount.compareTo(left) > 0) {
            assertThat(r.status()).as("%s with %s left: %s", refund, left, r).isEqualTo(400);
            return;
        }
        assertThat(r.ok()).as("%s of a %s sale: %s", refund, sale.status, r).isTrue();
        if (line >= 0) sale.lineRefunded[line] = sale.lineRefunded[line].add(amount);
        sale.refunds.add(amount);
        sale.status = sale.refunded().compareTo(sale.total()) == 0 ? "refunded" : "partially_refunded";
    }

    private static void chargeback(Api.Tenant shop, Model model, Chargeback c) {
        if (model.sales.isEmpty()) return;
        Model.Sale sale = model.sales.get(c.sale() % model.sales.size());
        BigDecimal amount = cents(c.amountCents());
        BigDecimal left = sale.total().subtract(sale.chargedBack());

        Api.Response r = shop.call("CreateChargeback", Json.object().put("sale_id", sale.id).put("amount", amount));
        if (!sale.successful() || left.signum() == 0) {
            assertThat(r.status()).as("%s of a %s sale with %s left: %s", c, sale.status, left, r).isEqualTo(409);
            return;
        }
        if (amount.compareTo(left) > 0) {
            assertThat(r.status()).as("%s with %s left: %s", c, left, r).isEqualTo(400);
            return;
        }
        assertThat(r.ok()).as("%s of a %s sale: %s", c, sale.status, r).isTrue();
        sale.chargebacks.add(amount);
    }

    private static void paypalDispute(Api.Tenant shop, Model model, PaypalDispute d) {
        if (model.sales.isEmpty()) return;
        Model.Sale sale = model.sales.get(d.sale() % model.sales.size());
        BigDecimal amount = cents(d.amountCents());

        Api.Response r = shop.call("CreatePaypalDispute", Json.object().put("sale_id", sale.id).put("amount", amount));
        if (amount.compareTo(sale.total()) > 0) {
            assertThat(r.status()).as("%s of a sale of %s: %s", d, sale.total(), r).isEqualTo(400);
            return;
        }
        assertThat(r.ok()).as("%s: %s", d, r).isTrue();
        sale.disputes.add(amount);
    }

    private static void fraudDetection(Api.Tenant shop, Model model, List<String> customers, FraudDetection f) {
        String customer;
        ObjectNode in = Json.object();
        if (f.sale() != null && !model.sales.isEmpty()) {
            Model.Sale sale = model.sales.get(f.sale() % model.sales.size());
            in.put("sale_id", sale.id);
            customer = sale.customer;
        } else {
            customer = customers.get(f.customer());
            in.put("customer_id", customer);
        }
        Api.Response r = shop.call("CreateFraudDetection", in);
        assertThat(r.ok()).as("%s: %s", f, r).isTrue();
        model.fraudDetections.merge(customer, 1L, Long::sum);
    }

    private static final Map<String, List<String>> SUBSCRIPTION_MOVES = Map.of(
            "trial", List.of("active", "overdue", "cancelled"),
            "active", List.of("overdue", "occurrence_limit", "suspended", "cancelled"),
            "overdue", List.of("active", "suspended", "cancelled"),
            "suspended", List.of("active", "cancelled"),
            "occurrence_limit", List.of(),
            "cancelled", List.of());

    private static void createSubscription(Api.Tenant shop, Model model, List<String> customers, List<String> products,
                                           NewSubscription n) {
        ObjectNode in = Json.object().put("customer_id", customers.get(n.customer())).put("product_id", products.get(n.product()))
                .put("interval_unit", "month").put("status", n.status());
        if (n.status().equals("trial")) in.put("trial_ends_at", "2030-01-01T00:00:00Z");
        Api.Response r = shop.call("CreateSubscription", in);
        assertThat(r.ok()).as("%s: %s", n, r).isTrue();
        model.subscriptions.add(new Model.Subscription(r.text("subscription_id"), customers.get(n.customer()), n.status(),
                new BigDecimal(PRODUCT_PRICES.get(n.product()))));
    }

    private static void moveSubscription(Api.Tenant shop, Model model, SubscriptionMove m) {
        if (model.subscriptions.isEmpty()) return;
        Model.Subscription s = model.subscriptions.get(m.subscription() % model.subscriptions.size());
        Api.Response r = shop.call("EditSubscription", Json.object().put("subscription_id", s.id).put("status", m.to()));
        if (!SUBSCRIPTION_MOVES.get(s.status).contains(m.to())) {
            assertThat(r.status()).as("%s of a %s subscription: %s", m, s.status, r).isEqualTo(409);
            return;
        }
        assertThat(r.ok()).as("%s of a %s subscription: %s", m, s.status, r).isTrue();
        s.status = m.to();
    }

    private static void renew(Api.Tenant shop, Model model, NewRenewal n) {
        if (model.subscriptions.isEmpty()) return;
        Model.Subscription s = model.subscriptions.get(n.subscription() % model.subscriptions.size());
        Instant at = Instant.now().minus(Duration.ofDays(n.daysAgo())).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode in = Json.object().put("subscription_id", s.id).put("status", n.status()).put("renewed_at", at.toString());
        if (n.amountCents() != null) in.put("amount", cents(n.amountCents()));
        Api.Response r = shop.call("CreateSubscriptionRenewal", in);
        if (!List.of("active", "overdue", "suspended").contains(s.status)) {
            assertThat(r.status()).as("%s of a %s subscription: %s", n, s.status, r).isEqualTo(409);
            return;
        }
        assertThat(r.ok()).as("%s: %s", n, r).isTrue();
        model.renewals.add(new Model.Renewal(r.text("subscription_renewal_id"), s.customer, n.status(),
                n.amountCents() == null ? s.price : cents(n.amountCents()), at));
    }

    private static void moveRenewal(Api.Tenant shop, Model model, RenewalMove m) {
        if (model.renewals.isEmpty()) return;
        Model.Renewal renewal = model.renewals.get(m.renewal() % model.renewals.size());
        boolean allowed = switch (renewal.status) {
            case "failed" -> m.to().equals("success") || m.to().equals("overdue");
            case "overdue" -> m.to().equals("success") || m.to().equals("failed");
            default -> false;
        };
        Api.Response r = shop.call("EditSubscriptionRenewal", Json.object().put("subscription_renewal_id", renewal.id)
                .put("status", m.to()));
        if (!allowed) {
            assertThat(r.status()).as("%s of a %s renewal: %s", m, renewal.status, r).isEqualTo(409);
            return;
        }
        assertThat(r.ok()).as("%s of a %s renewal: %s", m, renewal.status, r).isTrue();
        renewal.status = m.to();
    }

    private static void refundRenewal(Api.Tenant shop, Model model, RenewalRefund refund) {
        if (model.renewals.isEmpty()) return;
        Model.Renewal renewal = model.renewals.get(refund.renewal() % model.renewals.size());
        ObjectNode in = Json.object().put("subscription_renewal_id", renewal.id);
        if (refund.amountCents() != null) in.put("amount", cents(refund.amountCents()));
        BigDecimal left = renewal.amount.subtract(renewal.refunded);
        BigDecimal amount = refund.amountCents() == null ? left : cents(refund.amountCents());
        Api.Response r = shop.call("CreateRefund", in);
        if (!renewal.status.equals("success") || left.signum() == 0) {
            assertThat(r.status()).as("%s of a %s renewal with %s left: %s", refund, renewal.status, left, r).isEqualTo(409);
            return;
        }
        if (amount.compareTo(left) > 0) {
            assertThat(r.status()).as("%s with %s left: %s", refund, left, r).isEqualTo(400);
            return;
        }
        assertThat(r.ok()).as("%s: %s", refund, r).isTrue();
        renewal.refunded = renewal.refunded.add(amount);
    }

    // ------------------------------------------------------------------ figures

    private static final List<String> FIGURES = List.of("num_sale", "num_success_sale", "num_pending_declined_sale",
            "num_pending_abandoned_sale", "num_failed_declined_sale", "num_void_sale", "num_upsell_sale", "sale_gross", "gross",
            "discounted", "refunded", "chargeback_amount", "net", "remaining", "amount_to_salvage", "total", "last_sale_at",
            "num_chargeback", "num_fraud_detection", "num_paypal_dispute", "paypal_dispute_amount", "num_renewal",
            "num_success_renewal", "num_overdue_renewal", "renewal_gross", "last_renewal_at", "num_active_subscription",
            "num_trial_subscription", "num_overdue_subscription", "num_occurrence_limit_subscription",
            "num_suspended_subscription", "num_cancelled_subscription");

    /** Every stored lifetime value row of the tenant, by customer, without its update time; amounts as plain strings. */
    private static Map<String, Map<String, Object>> figures(TenantRows rows) {
        return rows.inTenant(h -> {
            Map<String, Map<String, Object>> out = new TreeMap<>();
            h.createQuery("SELECT customer_id, " + String.join(", ", FIGURES) + " FROM lifetime_value").mapToMap().forEach(row -> {
                Map<String, Object> f = new TreeMap<>();
                for (String name : FIGURES) f.put(name, normalize(row.get(name)));
                out.put((String) row.get("customer_id"), f);
            });
            return out;
        });
    }

    private static Object normalize(Object value) {
        if (value instanceof BigDecimal d) return d.setScale(2).toPlainString();
        if (value instanceof Number n) return n.longValue();
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        if (value instanceof java.time.OffsetDateTime t) return t.toInstant();
        return value;
    }

    /** The history as plain Java, and what it makes of each customer's lifetime value. */
    static final class Model {
        static final class Sale {
            String id;
            final String customer;
            String status;
            final Instant soldAt;
            final BigDecimal discount;
            final boolean upsell;
            final List<BigDecimal> lineTotals;
            final List<String> lineIds;
            final BigDecimal[] lineRefunded;
            final List<BigDecimal> refunds = new ArrayList<>();
            final List<BigDecimal> chargebacks = new ArrayList<>();
            final List<BigDecimal> disputes = new ArrayList<>();

            Sale(String id, String customer, String status, Instant soldAt, BigDecimal discount, boolean upsell,
                 List<BigDecimal> lineTotals, List<String> lineIds) {
                this.id = id;
                this.customer = customer;
                this.status = status;
                this.soldAt = soldAt;
                this.discount = discount;
                this.upsell = upsell;
                this.lineTotals = lineTotals;
                this.lineIds = lineIds;
                this.lineRefunded = new BigDecimal[lineTotals.size()];
                java.util.Arrays.fill(lineRefunded, BigDecimal.ZERO);
            }

            BigDecimal total() {
                return lineTotals.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            }

            BigDecimal refunded() {
                return refunds.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            }

            BigDecimal chargedBack() {
                return chargebacks.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            }

            boolean successful() {
                return List.of("paid", "partially_refunded", "refunded").contains(status);
            }
        }

        static final class Subscription {
            final String id;
            final String customer;
            String status;
            final BigDecimal price;

            Subscription(String id, String customer, String status, BigDecimal price) {
                this.id = id;
                this.customer = customer;
                this.status = status;
                this.price = price;
            }
        }

        static final class Renewal {
            final String id;
            final String customer;
            String status;
            final BigDecimal amount;
            BigDecimal refunded = BigDecimal.ZERO;
            final Instant renewedAt;

            Renewal(String id, String customer, String status, BigDecimal amount, Instant renewedAt) {
                this.id = id;
                this.customer = customer;
                this.status = status;
                this.amount = amount;
                this.renewedAt = renewedAt;
            }
        }

        final List<Sale> sales = new ArrayList<>();
        final List<Subscription> subscriptions = new ArrayList<>();
        final List<Renewal> renewals = new ArrayList<>();
        /** Fraud detections per customer, on the customer or one of its sales. */
        final Map<String, Long> fraudDetections = new TreeMap<>();

        /** Customers with at least one sale or fraud detection, each with the figures docs/commerce.md defines. */
        Map<String, Map<String, Object>> figures(List<String> customers) {
            Map<String, Map<String, Object>> out = new TreeMap<>();
            for (String customer : customers) {
                List<Sale> own = sales.stream().filter(s -> s.customer.equals(customer)).toList();
                long frauds = fraudDetections.getOrDefault(customer, 0L);
                List<Subscription> subs = subscriptions.stream().filter(s -> s.customer.equals(customer)).toList();
                List<Renewal> ownRenewals = renewals.stream().filter(r -> r.customer.equals(customer)).toList();
                if (own.isEmpty() && frauds == 0 && subs.isEmpty()) continue;
                List<Renewal> paidRenewals = ownRenewals.stream().filter(r -> r.status.equals("success")).toList();
                BigDecimal renewalGross = sum(paidRenewals.stream().map(r -> r.amount).toList());
                List<Sale> success = own.stream().filter(Sale::successful).toList();
                BigDecimal gross = sum(success.stream().map(Sale::total).toList());
                BigDecimal saleRefunded = sum(own.stream().map(Sale::refunded).toList());
                BigDecimal remaining = sum(own.stream().filter(s -> s.status.startsWith("pending_")).map(Sale::total).toList());
                Map<String, Object> f = new TreeMap<>();
                f.put("num_sale", (long) own.size());
                f.put("num_success_sale", (long) success.size());
                f.put("num_pending_declined_sale", count(own, "pending_declined"));
                f.put("num_pending_abandoned_sale", count(own, "pending_abandoned"));
                f.put("num_failed_declined_sale", count(own, "failed_declined"));
                f.put("num_void_sale", count(own, "void"));
                f.put("num_upsell_sale", success.stream().filter(s -> s.upsell).count());
                BigDecimal refunded = saleRefunded.add(sum(ownRenewals.stream().map(r -> r.refunded).toList()));
                f.put("sale_gross", plain(gross));
                f.put("gross", plain(gross.add(renewalGross)));
                f.put("discounted", plain(sum(success.stream().map(s -> s.discount).toList())));
                f.put("refunded", plain(refunded));
                BigDecimal chargedBack = sum(own.stream().map(Sale::chargedBack).toList());
                f.put("chargeback_amount", plain(chargedBack));
                f.put("net", plain(gross.add(renewalGross).subtract(refunded).subtract(chargedBack)));
                f.put("num_chargeback", own.stream().mapToLong(s -> s.chargebacks.size()).sum());
                f.put("num_fraud_detection", frauds);
                f.put("num_paypal_dispute", own.stream().mapToLong(s -> s.disputes.size()).sum());
                f.put("paypal_dispute_amount", plain(sum(own.stream().flatMap(s -> s.disputes.stream()).toList())));
                f.put("remaining", plain(remaining));
                f.put("amount_to_salvage", plain(sum(own.stream().filter(s -> s.status.equals("pending_declined")).map(Sale::total).toList())
                        .add(sum(ownRenewals.stream().filter(r -> !r.status.equals("success")).map(r -> r.amount).toList()))));
                f.put("total", plain(gross.add(renewalGross).add(remaining)));
                f.put("num_renewal", (long) ownRenewals.size());
                f.put("num_success_renewal", (long) paidRenewals.size());
                f.put("num_overdue_renewal", ownRenewals.stream().filter(r -> r.status.equals("overdue")).count());
                f.put("renewal_gross", plain(renewalGross));
                f.put("last_renewal_at", paidRenewals.stream().map(r -> r.renewedAt).max(Instant::compareTo).orElse(null));
                for (String status : SUBSCRIPTION_MOVES.keySet()) {
                    f.put("num_" + status + "_subscription", subs.stream().filter(s -> s.status.equals(status)).count());
                }
                f.put("last_sale_at", success.stream().map(s -> s.soldAt).max(Instant::compareTo).orElse(null));
                out.put(customer, f);
            }
            return out;
        }

        private static long count(List<Sale> sales, String status) {
            return sales.stream().filter(s -> s.status.equals(status)).count();
        }

        private static BigDecimal sum(List<BigDecimal> amounts) {
            return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        private static String plain(BigDecimal amount) {
            return amount.setScale(2).toPlainString();
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<List<Write>> histories() {
        Arbitrary<Write> write = Arbitraries.frequencyOf(
                Tuple.of(5, newSale()),
                Tuple.of(2, Combinators.combine(newSale().list().ofMaxSize(4), refunds().list().ofMaxSize(4)).as(Imported::new)
                        .filter(batch -> !batch.sales().isEmpty() || !batch.refunds().isEmpty())),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(TARGETS)).as(Move::new)),
                Tuple.of(3, refunds()),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 6_000))
                        .as(Chargeback::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 9_000))
                        .as(PaypalDispute::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 100).injectNull(0.4),
                        Arbitraries.integers().between(0, CUSTOMERS - 1)).as(FraudDetection::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, CUSTOMERS - 1),
                        Arbitraries.integers().between(0, PRODUCT_PRICES.size() - 1),
                        Arbitraries.of("active", "active", "trial", "overdue", "suspended", "cancelled", "occurrence_limit"))
                        .as(NewSubscription::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 100),
                        Arbitraries.of("active", "overdue", "occurrence_limit", "suspended", "cancelled")).as(SubscriptionMove::new)),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of("success", "failed", "overdue"),
                        Arbitraries.integers().between(0, 5_000).injectNull(0.5), Arbitraries.integers().between(0, 400))
                        .as(NewRenewal::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of("success", "failed", "overdue"))
                        .as(RenewalMove::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(1, 3_000).injectNull(0.4)).as(RenewalRefund::new)));
        return write.list().ofMinSize(1).ofMaxSize(40);
    }

    private Arbitrary<Refund> refunds() {
        return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(-1, 3),
                Arbitraries.integers().between(1, 6_000).injectNull(0.4)).as(Refund::new);
    }

    private Arbitrary<NewSale> newSale() {
        Arbitrary<Line> line = Combinators.combine(
                Arbitraries.integers().between(0, PRODUCT_PRICES.size() - 1),
                Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(0, 5_000).injectNull(0.6),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 4_000))),
                Arbitraries.integers().between(0, 500),
                Arbitraries.integers().between(0, 1_000),
                Arbitraries.of(true, false, false)).as(Line::new);
        return Combinators.combine(
                Arbitraries.integers().between(0, CUSTOMERS - 1),
                Arbitraries.of(INITIAL),
                Arbitraries.integers().between(0, 400),
                line.list().ofMinSize(1).ofMaxSize(4)).as(NewSale::new);
    }

    private static BigDecimal cents(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
