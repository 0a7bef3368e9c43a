package io.clientele.group.internal;

import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.group.Qualifier;
import io.clientele.group.QualifierMethod;
import io.clientele.platform.Actor;
import io.clientele.platform.Json;
import io.clientele.platform.Origin;
import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import io.clientele.testing.Api;
import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of qualifiers and who they select, over one tenant of customers with every kind of history: the
 * in-memory interpreter ({@link QualifierCheck} over {@link FactsReader}) and the SQL one ({@link QualifierSql})
 * must both answer exactly the expected customers. Evaluated 45 days after the customers were created, so
 * day counts are known: created 45 days ago; "vip" sold 55 and "small" 145 days ago; the others sold at creation (45).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualifierAgreementIT {
    private static final List<String> LIVE = List.of("none", "vip", "small", "refunded", "declined", "chargeback",
            "paypal", "upsell", "subscriber", "overdue", "acquired");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Agreement");
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> refs = new HashMap<>();
    private Instant now;

    @BeforeAll
    void history() {
        refs.put("PG1", shop.ok("UpsertProductGroup", Json.object().put("name", "Pavers")).text("product_group_id"));
        refs.put("PG2", shop.ok("UpsertProductGroup", Json.object().put("name", "Sealants")).text("product_group_id"));
        refs.put("C1", shop.ok("UpsertCampaign", Json.object().put("name", "Spring")).text("campaign_id"));
        refs.put("C2", shop.ok("UpsertCampaign", Json.object().put("name", "Autumn")).text("campaign_id"));
        refs.put("S1", shop.ok("UpsertThirdPartyShop", Json.object().put("name", "Amazon")).text("third_party_shop_id"));
        refs.put("S2", shop.ok("UpsertThirdPartyShop", Json.object().put("name", "Etsy")).text("third_party_shop_id"));
        String p1 = product("Paver", "PG1");
        String p2 = product("Gloves", null);
        String p3 = product("Sealant", "PG2");
        Instant today = Instant.now();

        customer("none");
        customer("vip");
        sale("vip", "paid", p1, "600.00", today.minus(Duration.ofDays(10)), "C1", "S1", false);
        shop.ok("InsertMetadata", setMetadata(ids.get("vip"), "tier", "gold", "affiliate_id", "aff_123"));
        customer("small");
        sale("small", "paid", p2, "50.00", today.minus(Duration.ofDays(100)), "C2", null, false);
        shop.ok("InsertMetadata", setMetadata(ids.get("small"), "affiliate_id", "aff_456"));
        customer("refunded");
        String refunded = sale("refunded", "paid", p2, "200.00", today, null, null, false);
        shop.ok("CreateRefund", Json.object().put("sale_id", refunded).put("amount", new BigDecimal("200.00")));
        customer("declined");
        sale("declined", "pending_declined", p1, "80.00", today, "C1", "S1", false);
        customer("chargeback");
        String charged = sale("chargeback", "paid", p2, "100.00", today, null, null, false);
        shop.ok("CreateChargeback", Json.object().put("sale_id", charged).put("amount", new BigDecimal("100.00")));
        shop.ok("CreateFraudDetection", Json.object().put("sale_id", charged).put("score", 90));
        customer("paypal");
        String disputed = sale("paypal", "paid", p3, "150.00", today, null, "S2", false);
        shop.ok("CreatePaypalDispute", Json.object().put("sale_id", disputed).put("amount", new BigDecimal("40.00")));
        customer("upsell");
        sale("upsell", "paid", p2, "100.00", today, null, null, true);
        sale("upsell", "paid", p2, "100.01", today, null, null, false);
        customer("subscriber");
        String active = subscription("subscriber", p2, "active");
        shop.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", active).put("status", "success")
                .put("amount", new BigDecimal("20.00")).put("renewed_at", today.minus(Duration.ofDays(30)).toString()));
        customer("overdue");
        String late = subscription("overdue", p2, "overdue");
        shop.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", late).put("status", "overdue")
                .put("amount", new BigDecimal("20.00")));
        ids.put("acquired", shop.createCustomer(Json.object().put("first_name", "acquired").put("campaign_id", refs.get("C2"))));
        names.put(ids.get("acquired"), "acquired");
        shop.ok("InsertMetadata", setMetadata(ids.get("acquired"), "crm_id", "x-1"));
        customer("deleted");
        sale("deleted", "paid", p1, "600.00", today, "C1", "S1", false);
        shop.ok("InsertMetadata", setMetadata(ids.get("deleted"), "tier", "gold"));
        shop.ok("DeleteCustomer", Json.object().put("customer_id", ids.get("deleted")));

        refs.put("A", manualGroup("Group A", "vip", "small"));
        refs.put("B", manualGroup("Group B", "small", "refunded"));
        now = Instant.now().plus(Duration.ofDays(45)).truncatedTo(ChronoUnit.MICROS);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                values("lifetime_value 500+", "\"lifetime_value\": " + range(500, 999999), "vip"),
                values("lifetime_value exactly zero", "\"lifetime_value\": " + range(0, 0),
                        "none", "refunded", "declined", "chargeback", "overdue", "acquired"),
                values("a disabled range is ignored", "\"lifetime_value\": {\"enabled\": false, \"min\": 500, \"max\": 999999}",
                        LIVE.toArray(String[]::new)),
                values("has_no_sales", "\"has_no_sales\": true", "none", "subscriber", "overdue", "acquired"),
                values("has_no_sales ignores other values", "\"has_no_sales\": true, \"lifetime_value\": " + range(500, 999999),
                        "none", "subscriber", "overdue", "acquired"),
                values("has_no_sales keeps days_since_created (45 holds)", "\"has_no_sales\": true, \"days_since_created\": " + range(45, 45),
                        "none", "subscriber", "overdue", "acquired"),
                values("has_no_sales keeps days_since_created (46+ fails)", "\"has_no_sales\": true, \"days_since_created\": " + range(46, 100)),
                values("lifetime_refunded", "\"lifetime_refunded\": " + range(1, 1000), "refunded"),
                values("num_sale counts every status", "\"num_sale\": " + range(1, 1),
                        "vip", "small", "refunded", "declined", "chargeback", "paypal"),
                values("num_sale 2", "\"num_sale\": " + range(2, 2), "upsell"),
                values("avg_sale rounds half to even (100.005 is 100.00)", "\"avg_sale\": " + range(100, 100), "chargeback", "upsell"),
                values("avg_sale 100.01 is nobody", "\"avg_sale\": {\"enabled\": true, \"min\": 100.01, \"max\": 100.01}"),
                values("days_last_sale 50..60", "\"days_last_sale\": " + range(50, 60), "vip"),
                values("days_last_sale 100..200", "\"days_last_sale\": " + range(100, 200), "small"),
                values("days_last_sale needs a successful sale", "\"days_last_sale\": " + range(1, 45),
                        "refunded", "chargeback", "paypal", "upsell"),
                values("num_success_sale zero", "\"num_success_sale\": " + range(0, 0),
                        "none", "declined", "subscriber", "overdue", "acquired"),
                values("num_upsell_sale", "\"num_upsell_sale\": " + range(1, 10), "upsell"),
                values("num_pending_declined_sale", "\"num_pending_declined_sale\": " + range(1, 1), "declined"),
                values("num_pending_abandoned_sale", "\"num_pending_abandoned_sale\": " + range(1, 5)),
                values("num_fraud_detection", "\"num_fraud_detection\": " + range(1, 1), "chargeback"),
                values("lifetime_chargeback", "\"lifetime_chargeback\": " + range(50, 100), "chargeback"),
                values("num_chargeback", "\"num_chargeback\": " + range(1, 1), "chargeback"),
                values("lifetime_paypal_dispute", "\"lifetime_paypal_dispute\": " + range(40, 40), "paypal"),
                values("num_paypal_dispute", "\"num_paypal_dispute\": " + range(1, 9), "paypal"),
                values("every enabled range must hold", "\"lifetime_value\": " + range(100, 999999) + ", \"num_sale\": " + range(2, 99), "upsell"),
                filters("campaign C1: a declined sale still ties", "\"campaign\": [\"C1\"]", "vip", "declined"),
                filters("campaign C2: the customer's own campaign ties", "\"campaign\": [\"C2\"]", "small", "acquired"),
                filters("campaigns are OR", "\"campaign\": [\"C1\", \"C2\"]", "vip", "declined", "small", "acquired"),
                filters("product group: only successful sales purchase", "\"product_group\": [\"PG1\"]", "vip"),
                filters("product group PG2", "\"product_group\": [\"PG2\"]", "paypal"),
                filters("shop: only successful sales purchase", "\"third_party_shop\": [\"S1\"]", "vip"),
                filters("shops are OR", "\"third_party_shop\": [\"S1\", \"S2\"]", "vip", "paypal"),
                filters("campaign AND product group", "\"campaign\": [\"C1\"], \"product_group\": [\"PG2\"]"),
                filters("metadata value", "\"metadata\": [{\"name\": \"affiliate_id\", \"value\": \"aff_123\"}]", "vip"),
                filters("metadata values of one name are OR", "\"metadata\": [{\"name\": \"affiliate_id\", \"value\": \"aff_123\"},"
                        + " {\"name\": \"affiliate_id\", \"value\": \"aff_456\"}]", "vip", "small"),
                filters("metadata names are AND", "\"metadata\": [{\"name\": \"affiliate_id\", \"value\": \"aff_123\"},"
                        + " {\"name\": \"affiliate_id\", \"value\": \"aff_456\"}, {\"name\": \"tier\", \"value\": \"gold\"}]", "vip"),
                filters("METADATA_NAME_EXISTS", "\"metadata\": [{\"name\": \"crm_id\", \"value\": \"METADATA_NAME_EXISTS\"}]", "acquired"),
                filters("a metadata value nobody has", "\"metadata\": [{\"name\": \"tier\", \"value\": \"silver\"}]"),
                specific("filters AND values", "\"filters\": {\"campaign\": [\"C1\"]}, \"values\": {\"lifetime_value\": " + range(500, 999999) + "}", "vip"),
                subscriptions("status active", "\"enabled\": true, \"status\": [\"active\"]", "subscriber"),
                subscriptions("statuses are OR", "\"enabled\": true, \"status\": [\"active\", \"overdue\"]", "subscriber", "overdue"),
                subscriptions("disabled options are ignored", "\"enabled\": false, \"status\": [\"active\"]", LIVE.toArray(String[]::new)),
                subscriptions("num_renewal", "\"enabled\": true, \"num_renewal\": " + range(1, 5), "subscriber", "overdue"),
                subscriptions("num_success_renewal", "\"enabled\": true, \"num_success_renewal\": " + range(1, 1), "subscriber"),
                subscriptions("num_overdue_renewal", "\"enabled\": true, \"num_overdue_renewal\": " + range(1, 1), "overdue"),
                subscriptions("days_last_renewal (renewed 30 days before creation day + 45)", "\"enabled\": true, \"days_last_renewal\": " + range(70, 80), "subscriber"),
                specific("values AND subscription options", "\"values\": {\"lifetime_value\": " + range(500, 999999)
                        + "}, \"subscription_options\": {\"enabled\": true, \"status\": [\"active\"]}"),
                composite("in_any is OR", "\"in_any_customer_group\": [\"A\", \"B\"]", "vip", "small", "refunded"),
                composite("in_all is AND", "\"in_all_customer_group\": [\"A\", \"B\"]", "small"),
                composite("not_in is none of them", "\"not_in_customer_group\": [\"A\"]",
                        LIVE.stream().filter(n -> !n.equals("vip") && !n.equals("small")).toArray(String[]::new)),
                composite("in_any and not_in", "\"in_any_customer_group\": [\"A\"], \"not_in_customer_group\": [\"B\"]", "vip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothInterpretersSelectExactlyTheExpectedCustomers(String name, String method, String qualifiers, Set<String> expected) {
        Qualifier qualifier = parse(method, qualifiers);

        Set<String> inMemory = inMemory(qualifier);
        Set<String> inSql = inSql(qualifier);

        assertThat(inMemory).as("in memory").isEqualTo(new TreeSet<>(expected));
        assertThat(inSql).as("in SQL").isEqualTo(new TreeSet<>(expected));
    }

    /**
     * Generated specific_values and customer_group definitions over the same customers: whatever they select,
     * the two interpreters select the same customers. The seed is printed with any disagreement.
     */
    @org.junit.jupiter.api.Test
    void generatedDefinitionsGetTheSameAnswerFromBothInterpreters() {
        java.util.Random random = new java.util.Random(20261123);
        int selective = 0;
        for (int i = 0; i < 300; i++) {
            boolean composite = random.nextInt(5) == 0;
            String qualifiers = composite ? generatedComposite(random) : generatedSpecificValues(random);
            Qualifier qualifier = parse(composite ? "customer_group" : "specific_values", qualifiers);
            Set<String> selected = inMemory(qualifier);
            assertThat(inSql(qualifier)).as("definition %d: %s", i, qualifiers).isEqualTo(selected);
            if (!selected.isEmpty() && selected.size() < LIVE.size()) selective++;
        }
        // The generator is only worth something if many definitions select some customers and not others.
        assertThat(selective).isGreaterThan(30);
    }

    private static final String[] FIGURES = {"days_since_created", "lifetime_value", "lifetime_refunded", "num_sale", "avg_sale",
            "days_last_sale", "num_success_sale", "num_upsell_sale", "num_pending_declined_sale", "num_pending_abandoned_sale",
            "num_fraud_detection", "lifetime_chargeback", "num_chargeback", "lifetime_paypal_dispute", "num_paypal_dispute"};
    private static final String[] RENEWALS = {"days_last_renewal", "num_renewal", "num_success_renewal", "num_overdue_renewal"};
    private static final int[] BOUNDS = {0, 0, 1, 2, 20, 40, 45, 46, 50, 55, 100, 145, 150, 200, 600, 999999};

    private static String generatedSpecificValues(java.util.Random r) {
        StringBuilder values = new StringBuilder("\"has_no_sales\": " + (r.nextInt(6) == 0));
        for (String figure : FIGURES) {
            if (r.nextInt(4) == 0) values.append(", \"").append(figure).append("\": ").append(generatedRange(r, figure.startsWith("days")));
        }
        StringBuilder filters = new StringBuilder("\"campaign\": " + pick(r, "C1", "C2") + ", \"product_group\": " + pick(r, "PG1", "PG2")
                + ", \"third_party_shop\": " + pick(r, "S1", "S2") + ", \"metadata\": [");
        List<String> metadata = new java.util.ArrayList<>();
        String[][] pairs = {{"tier", "gold"}, {"affiliate_id", "aff_123"}, {"affiliate_id", "aff_456"}, {"crm_id", "METADATA_NAME_EXISTS"}, {"tier", "silver"}};
        for (String[] pair : pairs) if (r.nextInt(5) == 0) metadata.add("{\"name\": \"" + pair[0] + "\", \"value\": \"" + pair[1] + "\"}");
        filters.append(String.join(", ", metadata)).append("]");
        StringBuilder options = new StringBuilder("\"enabled\": " + r.nextBoolean() + ", \"status\": "
                + pick(r, "active", "trial", "overdue", "cancelled"));
        for (String figure : RENEWALS) {
            if (r.nextInt(3) == 0) options.append(", \"").append(figure).append("\": ").append(generatedRange(r, figure.startsWith("days")));
        }
        return "{\"specific_values\": {\"filters\": {" + filters + "}, \"values\": {" + values + "}, \"subscription_options\": {" + options + "}}}";
    }

    private static String generatedComposite(java.util.Random r) {
        String lists = "\"in_any_customer_group\": " + pick(r, "A", "B") + ", \"in_all_customer_group\": "
                + pick(r, "A", "B") + ", \"not_in_customer_group\": " + pick(r, "A", "B");
        if (!lists.contains("\"A\"") && !lists.contains("\"B\"")) lists = "\"in_any_customer_group\": [\"A\"]";
        return "{\"customer_group\": {" + lists + "}}";
    }

    private static String generatedRange(java.util.Random r, boolean days) {
        int a = BOUNDS[r.nextInt(BOUNDS.length)];
        int b = BOUNDS[r.nextInt(BOUNDS.length)];
        int min = Math.min(a, b);
        int max = Math.max(a, b);
        if (days) {
            min = Math.max(min, 1);
            max = Math.max(max, min);
        }
        return "{\"enabled\": " + (r.nextInt(5) != 0) + ", \"min\": " + min + ", \"max\": " + max + "}";
    }

    /** A JSON array of some of the names (possibly none). */
    private static String pick(java.util.Random r, String... names) {
        List<String> chosen = new java.util.ArrayList<>();
        for (String name : names) if (r.nextInt(3) == 0) chosen.add("\"" + name + "\"");
        return "[" + String.join(", ", chosen) + "]";
    }

    private Qualifier parse(String method, String qualifiers) {
        String json = qualifiers;
        for (var ref : refs.entrySet()) json = json.replace("\"" + ref.getKey() + "\"", "\"" + ref.getValue() + "\"");
        QualifierParser.Parsed parsed = QualifierParser.parse(QualifierMethod.fromWire(method), Json.read(json));
        assertThat(parsed.problems()).isEmpty();
        return parsed.qualifier();
    }

    private Set<String> inMemory(Qualifier qualifier) {
        return transactions().inTenant(new TenantId(shop.tenantId()), Actor.system(), Origin.NONE, null, tx -> {
            List<String> everyone = List.copyOf(ids.values());
            Map<String, Facts> facts = FactsReader.read(tx, everyone, true, true);
            return everyone.stream()
                    .filter(id -> facts.containsKey(id)
                            && QualifierCheck.qualifies(qualifier, facts.get(id), facts.get(id).groups(), tx.now()))
                    .map(names::get).collect(Collectors.toCollection(TreeSet::new));
        });
    }

    private Set<String> inSql(Qualifier qualifier) {
        QualifierSql.Query q = QualifierSql.compile(qualifier);
        return transactions().inTenant(new TenantId(shop.tenantId()), Actor.system(), Origin.NONE, null, tx ->
                q.bind(tx.handle().createQuery(q.sql())).bind("tenant", shop.tenantId()).bind("now", tx.now())
                        .mapTo(String.class).stream().map(names::get).collect(Collectors.toCollection(TreeSet::new)));
    }

    private Transactions transactions() {
        return new Transactions(TestDatabase.get().jdbi(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Arguments values(String name, String values, String... expected) {
        return specific(name, "\"values\": {" + values + "}", expected);
    }

    private static Arguments filters(String name, String filters, String... expected) {
        return specific(name, "\"filters\": {" + filters + "}", expected);
    }

    private static Arguments subscriptions(String name, String options, String... expected) {
        return specific(name, "\"subscription_options\": {" + options + "}", expected);
    }

    private static Arguments specific(String name, String body, String... expected) {
        return Arguments.of(name, "specific_values", "{\"specific_values\": {" + body + "}}", Set.of(expected));
    }

    private static Arguments composite(String name, String body, String... expected) {
        return Arguments.of(name, "customer_group", "{\"customer_group\": {" + body + "}}", Set.of(expected));
    }

    private static String range(int min, int max) {
        return "{\"enabled\": true, \"min\": " + min + ", \"max\": " + max + "}";
    }

    private void customer(String name) {
        String id = shop.createCustomer(Json.object().put("first_name", name));
        ids.put(name, id);
        names.put(id, name);
    }

    private String product(String name, String group) {
        ObjectNode p = Json.object().put("name", name);
        if (group != null) p.put("product_group_id", refs.get(group));
        return shop.ok("UpsertProduct", p).text("product_id");
    }

    private String sale(String customer, String status, String product, String price, Instant soldAt, String campaign,
                        String thirdPartyShop, boolean upsell) {
        ObjectNode line = Json.object().put("product_id", product).put("quantity", 1).put("price", new BigDecimal(price));
        if (upsell) line.put("upsell", true);
        ObjectNode sale = Json.object().put("customer_id", ids.get(customer)).put("status", status).put("sold_at", soldAt.toString());
        sale.putArray("product_sales").add(line);
        if (campaign != null) sale.put("campaign_id", refs.get(campaign));
        if (thirdPartyShop != null) sale.put("third_party_shop_id", refs.get(thirdPartyShop));
        return shop.ok("CreateSale", sale).text("sale_id");
    }

    private String subscription(String customer, String product, String status) {
        return shop.ok("CreateSubscription", Json.object().put("customer_id", ids.get(customer)).put("product_id", product)
                .put("interval_unit", "month").put("status", status).put("price", new BigDecimal("20.00"))).text("subscription_id");
    }

    private String manualGroup(String name, String... members) {
        String group = shop.ok("CreateCustomerGroup", Json.object().put("name", name).put("enabled", true)
                .put("qualifier_method", "none")).text("customer_group_id");
        for (String member : members) {
            shop.ok("AddCustomerToGroup", Json.object().put("customer_group_id", group).put("customer_id", ids.get(member)));
        }
        return group;
    }

}
