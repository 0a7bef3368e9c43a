package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetLifetimeValue and RebuildLifetimeValues: each figure after a known history, and repairs. */
class LifetimeValueIT {
    private static final Instant JAN = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-10T09:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-10T09:00:00Z");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "20.00");

    @Test
    void aCustomerWithoutSalesHasZeroFigures() {
        JsonNode value = lifetimeValue(jane);

        assertThat(value.path("num_sale").asInt()).isZero();
        assertThat(amount(value.path("net"))).isEqualTo("0.00");
        assertThat(amount(value.path("avg_sale"))).isEqualTo("0.00");
        assertThat(value.path("last_sale_at").isNull()).isTrue();
        assertThat(value.path("updated_at").isNull()).isTrue();
    }

    @Test
    void everyFigureFollowsTheCustomersSalesRefundsAndStatusChanges() {
        // Jan: paid 2 pavers with a 4.00 discount and an upsell line → 56.00; later 10.00 refunded.
        String january = record(aSale().paid().by(jane).soldAt(JAN).of(paver, 2).discounted("4.00").of(paver, 1).asUpsell());
        shop.ok("CreateRefund", sale(january).put("amount", 10));
        // Feb: declined 20.00, salvaged later; Mar: paid 20.00, then voided.
        String february = record(aSale().declined().by(jane).soldAt(FEB).of(paver, 1));
        String march = record(aSale().paid().by(jane).soldAt(MAR).of(paver, 1));
        // Still open: declined 30.00 and abandoned 20.00; closed: one failed 20.00.
        record(aSale().declined().by(jane).of(paver, 1).at("30.00"));
        record(aSale().abandoned().by(jane).of(paver, 1));
        record(aSale().failed().by(jane).of(paver, 1));
        assertThat(lifetimeValue(jane).path("last_sale_at").asText()).isEqualTo(MAR.toString());

        shop.ok("EditSale", sale(february).put("status", "paid"));
        shop.ok("EditSale", sale(march).put("status", "void"));

        JsonNode value = lifetimeValue(jane);
        Map<String, String> figures = new LinkedHashMap<>();
        value.properties().forEach(e -> figures.put(e.getKey(), e.getValue().isNumber() && !e.getKey().startsWith("num_")
                ? amount(e.getValue()) : e.getValue().asText()));
        assertThat(figures).containsAllEntriesOf(Map.ofEntries(
                Map.entry("num_sale", "6"),
                Map.entry("num_success_sale", "2"),
                Map.entry("num_pending_declined_sale", "1"),
                Map.entry("num_pending_abandoned_sale", "1"),
                Map.entry("num_failed_declined_sale", "1"),
                Map.entry("num_void_sale", "1"),
                Map.entry("num_upsell_sale", "1"),
                Map.entry("sale_gross", "76.00"),
                Map.entry("gross", "76.00"),
                Map.entry("discounted", "4.00"),
                Map.entry("refunded", "10.00"),
                Map.entry("chargeback_amount", "0.00"),
                Map.entry("net", "66.00"),
                Map.entry("remaining", "50.00"),
                Map.entry("amount_to_salvage", "30.00"),
                Map.entry("total", "126.00"),
                Map.entry("avg_sale", "38.00"),
                Map.entry("last_sale_at", FEB.toString())));
        assertThat(rebuild(Json.object())).as("the deltas kept every figure right").isZero();
    }

    @Test
    void theAverageSaleIsRoundedHalfToEvenCents() {
        String penny = product(shop, "0.01");
        record(aSale().by(jane).of(penny, 1));
        record(aSale().by(jane).of(penny, 4));

        assertThat(amount(lifetimeValue(jane).path("avg_sale"))).as("0.05 / 2 = 0.025").isEqualTo("0.02");
        record(aSale().by(jane).of(penny, 2));
        assertThat(amount(lifetimeValue(jane).path("avg_sale"))).as("0.07 / 3 = 0.0233…").isEqualTo("0.02");
    }

    @Test
    void voidingAnOlderSaleKeepsTheLastSaleDate() {
        String january = record(aSale().by(jane).soldAt(JAN).of(paver, 1));
        record(aSale().by(jane).soldAt(MAR).of(paver, 1));

        shop.ok("EditSale", sale(january).put("status", "void"));

        assertThat(lifetimeValue(jane).path("last_sale_at").asText()).isEqualTo(MAR.toString());
        String march = shop.ok("GetSales", customer(jane).put("status", "paid")).body().at("/sales/0/sale_id").asText();
        shop.ok("EditSale", sale(march).put("status", "void"));
        assertThat(lifetimeValue(jane).path("last_sale_at").isNull()).as("no successful sale left").isTrue();
        assertThat(rebuild(Json.object())).isZero();
    }

    @Test
    void theRebuildCorrectsRowsThatDriftedAndAuditsEachCorrection() {
        String bob = shop.createCustomer();
        record(aSale().by(jane).of(paver, 1));
        record(aSale().declined().by(bob).of(paver, 2));
        JsonNode right = lifetimeValue(jane);
        Owner.committed(h -> h.createUpdate("UPDATE lifetime_value SET sale_gross = 999, num_upsell_sale = 3, last_sale_at = NULL"
                        + " WHERE tenant_id = :t")
                .bind("t", shop.tenantId()).execute());

        Api.Response onlyBob = shop.ok("RebuildLifetimeValues", customer(bob));
        Api.Response all = shop.ok("RebuildLifetimeValues", Json.object());

        assertThat(onlyBob.body().path("rows_changed").asInt()).isEqualTo(1);
        assertThat(onlyBob.text("customer_id")).isEqualTo(bob);
        assertThat(all.body().path("rows_changed").asInt()).isEqualTo(1);
        assertThat(all.body().path("customer_id").isNull()).isTrue();
        assertThat(all.text("result")).isEqualTo("1 customer(s)' lifetime values corrected.");
        JsonNode fixed = lifetimeValue(jane);
        assertThat(withoutUpdatedAt(fixed)).isEqualTo(withoutUpdatedAt(right));
        JsonNode correction = shop.ok("GetAuditLog", auditOf("lifetime_value", jane)).body().at("/entries/0");
        assertThat(correction.path("action").asText()).isEqualTo("rebuild");
        assertThat(amount(correction.at("/before/sale_gross"))).isEqualTo("999.00");
        assertThat(amount(correction.at("/after/sale_gross"))).isEqualTo("20.00");
        assertThat(correction.path("api_call_id").asText()).isEqualTo(all.apiCallId());
        assertThat(rebuild(Json.object())).isZero();
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).text("result"))
                .isEqualTo("Lifetime values were already right; nothing changed.");
    }

    @Test
    void theRebuildRecreatesAMissingRow() {
        record(aSale().by(jane).of(paver, 1));
        JsonNode right = lifetimeValue(jane);
        Owner.committed(h -> h.createUpdate("DELETE FROM lifetime_value WHERE tenant_id = :t").bind("t", shop.tenantId()).execute());

        assertThat(rebuild(Json.object())).isEqualTo(1);
        assertThat(withoutUpdatedAt(lifetimeValue(jane))).isEqualTo(withoutUpdatedAt(right));
    }

    @Test
    void anUnknownOrDeletedCustomerHasNoLifetimeValueToReadOrRebuild() {
        shop.ok("DeleteCustomer", customer(jane));

        for (String id : List.of(jane, Ids.newId())) {
            for (String operation : List.of("GetLifetimeValue", "RebuildLifetimeValues")) {
                Api.Response r = shop.call(operation, customer(id));
                assertThat(r.status()).as(operation).isEqualTo(404);
                assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
            }
        }
    }

    @Test
    void aDeletedCustomersFiguresAreStillRebuiltWithTheTenant() {
        record(aSale().by(jane).of(paver, 1));
        shop.ok("DeleteCustomer", customer(jane));
        Owner.committed(h -> h.createUpdate("UPDATE lifetime_value SET num_sale = 5 WHERE tenant_id = :t")
                .bind("t", shop.tenantId()).execute());

        assertThat(rebuild(Json.object())).isEqualTo(1);
        Integer numSale = rows.inTenant(h -> h.createQuery("SELECT num_sale FROM lifetime_value").mapTo(Integer.class).one());
        assertThat(numSale).isEqualTo(1);
    }

    @Test
    void concurrentSalesMovesAndRefundsOfOneCustomerKeepItsFiguresRightAndNeverRefundTooMuch() throws Exception {
        List<String> paid = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) paid.add(record(aSale().by(jane).of(paver, 1)));
        List<java.util.concurrent.Callable<Api.Response>> work = new java.util.ArrayList<>();
        for (String saleId : paid) {
            for (int i = 0; i < 3; i++) work.add(() -> shop.call("CreateRefund", sale(saleId).put("amount", 8)));
            work.add(() -> shop.call("EditSale", sale(saleId).put("status", "void")));
            work.add(() -> shop.call("CreateSale", aSale().declined().by(jane).of(paver, 1).build()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (var answer : pool.invokeAll(work)) {
                assertThat(answer.get().status()).as("%s", answer.get()).isIn(200, 400, 409);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String saleId : paid) {
            JsonNode got = shop.ok("GetSale", sale(saleId)).body().path("sale");
            assertThat(got.path("refunded").decimalValue()).isLessThanOrEqualTo(got.path("total").decimalValue());
        }
        assertThat(rebuild(Json.object())).as("rows the deltas got wrong under concurrency").isZero();
        assertThat(lifetimeValue(jane).path("num_sale").asInt()).isEqualTo(12);
    }

    private String record(io.clientele.testing.SaleBuilder sale) {
        return shop.ok("CreateSale", sale.build()).text("sale_id");
    }

    private JsonNode lifetimeValue(String customerId) {
        Api.Response r = shop.ok("GetLifetimeValue", customer(customerId));
        assertThat(r.text("customer_id")).isEqualTo(customerId);
        return r.body().path("lifetime_value");
    }

    private int rebuild(com.fasterxml.jackson.databind.node.ObjectNode input) {
        return shop.ok("RebuildLifetimeValues", input).body().path("rows_changed").asInt();
    }

    private static JsonNode withoutUpdatedAt(JsonNode value) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = value.deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
