package io.clientele.commerce;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.gateway;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ImportCommerceHistory: a batch of customers, sales and refunds from another shop, all or nothing, replayable. */
class ImportCommerceHistoryIT {
    private static final Instant JAN = Instant.parse("2024-01-10T09:00:00Z");
    private static final Instant FEB = Instant.parse("2024-02-10T09:00:00Z");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Old Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String paver = product(shop, "20.00");
    private final String gloves = product(shop, "10.00");

    @Test
    void aBatchCreatesCustomersSalesAndRefundsThatReferToEachOther() {
        JsonNode answer = shop.ok("ImportCommerceHistory", history()).body();

        assertThat(answer.path("created").asInt()).isEqualTo(5);
        assertThat(texts(answer.path("records"), "outcome")).containsOnly("created");
        assertThat(texts(answer.path("records"), "kind")).containsExactly("customer", "customer", "sale", "sale", "refund");
        String jane = answer.at("/records/0/id").asText();
        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();
        assertThat(profile.at("/customer/email").asText()).isEqualTo("jane@old.example");
        assertThat(profile.at("/lifetime_value/num_success_sale").asInt()).isEqualTo(2);
        assertThat(amount(profile.at("/lifetime_value/gross"))).isEqualTo("50.00");
        assertThat(amount(profile.at("/lifetime_value/refunded"))).isEqualTo("5.00");
        assertThat(texts(profile.path("recent_sales"), "external_id")).containsExactly("o-2", "o-1");
        assertThat(profile.at("/refunds/0/reason").asText()).isEqualTo("broken");
        assertThat(texts(profile.at("/products_purchased/products"), "product_id")).containsExactly(gloves, paver);
        assertThat(amount(profile.at("/products_purchased/products/1/refunded"))).isEqualTo("5.00");
    }

    @Test
    void sendingTheSameBatchAgainWritesNothingAndAnswersEveryRecordUnchanged() {
        JsonNode first = shop.ok("ImportCommerceHistory", history()).body();
        long events = rows.events().size();
        long audit = rows.auditRows().size();
        long sales = rows.count("sale");
        long refunds = rows.count("refund");

        JsonNode again = shop.ok("ImportCommerceHistory", history()).body();

        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(5);
        assertThat(texts(again.path("records"), "id")).isEqualTo(texts(first.path("records"), "id"));
        assertThat(rows.events()).hasSize((int) events);
        assertThat(rows.auditRows()).hasSize((int) audit);
        assertThat(rows.count("sale")).isEqualTo(sales);
        assertThat(rows.count("refund")).isEqualTo(refunds);
    }

    @Test
    void lifetimeValuesAfterAnImportAreWhatTheRebuildComputes() {
        shop.ok("ImportCommerceHistory", history());

        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    @Test
    void aBadRecordRejectsTheWholeBatchAndItsProblemPointsAtTheRecord() {
        ObjectNode batch = history();
        ((ObjectNode) batch.at("/records/3/sale/product_sales/0")).put("product_id", "NoSuchProduct0000000");
        long customers = rows.count("customer");

        Api.Response r = shop.call("ImportCommerceHistory", batch);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/3/sale/product_sales/0/product_id");
        assertThat(rows.count("customer")).isEqualTo(customers);
        assertThat(rows.count("sale")).isZero();
    }

    @Test
    void invalidCustomersArePointedAtInTheBatch() {
        ObjectNode batch = history();
        ((ObjectNode) batch.at("/records/1/customer")).put("email", "not-an-email");

        Api.Response r = shop.call("ImportCommerceHistory", batch);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/1/customer/email");
    }

    @Test
    void aRecordWithTwoKindsOrARepeatedExternalIdIsAValidationError() {
        ObjectNode batch = history();
        ((ObjectNode) batch.at("/records/1/customer")).put("external_id", "c-1");

        Api.Response repeated = shop.call("ImportCommerceHistory", batch);
        Api.Response unknownCustomer = shop.call("ImportCommerceHistory", records(Json.object().set("sale",
                sale("o-9", "c-404", JAN))));

        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.body().at("/error/details/0/path").asText()).isEqualTo("/records/1/customer/external_id");
        assertThat(unknownCustomer.status()).isEqualTo(404);
        assertThat(unknownCustomer.body().at("/error/details/0/path").asText()).isEqualTo("/records/0/sale/customer_external_id");
    }

    @Test
    void aDifferentRecordUnderAnImportedExternalIdIsAConflict() {
        shop.ok("ImportCommerceHistory", history());
        ObjectNode changed = history();
        ((ObjectNode) changed.at("/records/4/refund")).put("amount", 6);

        Api.Response r = shop.call("ImportCommerceHistory", changed);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/4/refund/external_id");
    }

    @Test
    void aCustomerWithTheEmailOfAnExistingCustomerIsMatchedNotCreated() {
        String existing = shop.createCustomer(aCustomer().named("Jane", "Doe").withEmail("jane@old.example"));

        JsonNode answer = shop.ok("ImportCommerceHistory", history()).body();

        assertThat(answer.at("/records/0/outcome").asText()).isEqualTo("matched");
        assertThat(answer.at("/records/0/id").asText()).isEqualTo(existing);
        assertThat(answer.path("matched").asInt()).isEqualTo(1);
        assertThat(shop.ok("GetSales", customer(existing)).body().path("sales")).hasSize(2);
    }

    @Test
    void aSaleMayBringItsCustomersContactDetailsAndARefundMayBeOfOneLine() {
        ObjectNode sale = aSale().paid().soldAt(JAN).of(paver, 1).of(gloves, 1).withExternalId("o-7").build();
        sale.set("customer", aCustomer().named("Ann", "Lee").withEmail("ann@old.example").build());
        ObjectNode refund = Json.object().put("external_id", "r-7").put("sale_external_id", "o-7").put("product_sale_position", 1);

        JsonNode answer = shop.ok("ImportCommerceHistory", records(Json.object().set("sale", sale),
                Json.object().set("refund", refund))).body();

        String ann = answer.at("/records/0/created_customer_id").asText();
        assertThat(answer.at("/records/0/product_sale_ids")).hasSize(2);
        JsonNode products = shop.ok("GetProductsPurchased", customer(ann)).body().path("products");
        JsonNode glove = products.get(0).path("product_id").asText().equals(gloves) ? products.get(0) : products.get(1);
        assertThat(amount(glove.path("refunded"))).isEqualTo("10.00");
        assertThat(shop.ok("GetCustomer", customer(ann)).body().at("/customer/email").asText()).isEqualTo("ann@old.example");
    }

    @Test
    void salesOfOneBatchNamingTheSameNewCustomerByContactCreateItOnceAsSalesSentOneByOneWould() {
        ObjectNode first = aSale().paid().soldAt(JAN).of(paver, 1).withExternalId("o-1").build();
        first.set("customer", aCustomer().named("Ann", "Lee").withEmail("ann@old.example").build());
        ObjectNode second = aSale().paid().soldAt(FEB).of(gloves, 1).withExternalId("o-2").build();
        second.set("customer", aCustomer().named("Ann", "Lee").withEmail("  ANN@old.example ").build());

        JsonNode answer = shop.ok("ImportCommerceHistory", records(Json.object().set("sale", first),
                Json.object().set("sale", second))).body();

        String ann = answer.at("/records/0/created_customer_id").asText();
        assertThat(ann).isNotBlank();
        assertThat(answer.at("/records/1/created_customer_id").isNull() || answer.at("/records/1/created_customer_id").isMissingNode())
                .as("only the first sale created the customer: %s", answer).isTrue();
        assertThat(rows.count("customer")).isEqualTo(1);
        assertThat(texts(shop.ok("GetSales", customer(ann)).body().path("sales"), "external_id")).containsExactlyInAnyOrder("o-1", "o-2");
        List<String> saleEvents = rows.inTenant(h -> h.createQuery("SELECT payload->>'customer_created' FROM event"
                + " WHERE notation = 'sale.created.success.paid' ORDER BY customer_seq").mapTo(String.class).list());
        assertThat(saleEvents).containsExactly("true", "false");
        long customerCreated = rows.inTenant(h -> h.createQuery("SELECT count(*) FROM event WHERE notation = 'customer.created'")
                .mapTo(Long.class).one());
        assertThat(customerCreated).isEqualTo(1);
    }

    @Test
    void laterRefundsOfASaleInOneBatchSeeTheEarlierOnes() {
        String saleId = shop.ok("ImportCommerceHistory", records(
                Json.object().set("customer", aCustomer().named("Jane", "Doe").withEmail("jane@old.example").build()
                        .put("external_id", "c-1")),
                Json.object().set("sale", sale("o-1", "c-1", JAN)))).body().at("/records/1/id").asText();
        ObjectNode partial = Json.object().put("external_id", "r-1").put("sale_external_id", "o-1").put("amount", 15);
        ObjectNode rest = Json.object().put("external_id", "r-2").put("sale_external_id", "o-1");
        ObjectNode tooMuch = Json.object().put("external_id", "r-3").put("sale_external_id", "o-1").put("amount", 30);

        Api.Response refused = shop.call("ImportCommerceHistory", records(Json.object().set("refund", partial),
                Json.object().set("refund", tooMuch)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/details/0/path").asText()).isEqualTo("/records/1/refund/amount");
        assertThat(refused.body().at("/error/details/0/message").asText()).contains("25.00");
        assertThat(rows.count("refund")).isZero();

        JsonNode answer = shop.ok("ImportCommerceHistory", records(Json.object().set("refund", partial),
                Json.object().set("refund", rest))).body();
        JsonNode sale = shop.ok("GetSale", Json.object().put("sale_id", saleId)).body();
        assertThat(texts(answer.path("records"), "outcome")).containsExactly("created", "created");
        assertThat(sale.at("/sale/status").asText()).isEqualTo("refunded");
        assertThat(amount(sale.at("/sale/refunded"))).isEqualTo("40.00");
        // Recorded by one call, both refunds have the same time, and GetSale lists them by time and then id.
        assertThat(texts(sale.path("refunds"), "amount").stream().map(a -> new java.math.BigDecimal(a).setScale(2).toPlainString()))
                .containsExactlyInAnyOrder("15.00", "25.00");
        List<String> notations = rows.inTenant(h -> h.createQuery("SELECT notation FROM event WHERE item_type = 'sale'"
                + " AND notation LIKE 'sale.updated%' ORDER BY customer_seq").mapTo(String.class).list());
        assertThat(notations).containsExactly("sale.updated.refunded.partial", "sale.updated.refunded.full");
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    @Test
    void anImportedCustomerWhoMayBeAnExistingOneIsCreatedAndTheLikelyDuplicateRecorded() {
        String john = shop.createCustomer(aCustomer().named("John", "Smith").withoutEmail());

        JsonNode answer = shop.ok("ImportCommerceHistory", records(Json.object().set("customer",
                aCustomer().named("Jon", "Smith").withEmail("jon@old.example").build().put("external_id", "c-1")))).body();
        JsonNode pairs = shop.ok("GetDuplicateCustomerReport", Json.object().put("min_confidence", 70)).body().path("pairs");

        String jon = answer.at("/records/0/id").asText();
        assertThat(answer.at("/records/0/outcome").asText()).isEqualTo("created");
        assertThat(pairs).hasSize(1);
        assertThat(List.of(pairs.get(0).path("customer_id").asText(), pairs.get(0).path("duplicate_customer_id").asText()))
                .containsExactlyInAnyOrder(john, jon);
        assertThat(texts(pairs.get(0).path("matched_keys"))).containsExactly("name");
    }

    @Test
    void customersOfOneBatchAreMatchedAgainstTheOnesBeforeThemAsIfImportedOneByOne() {
        JsonNode answer = shop.ok("ImportCommerceHistory", records(
                Json.object().set("customer", aCustomer().named("Ann", "Lee").withEmail("ann@old.example").build()
                        .put("external_id", "c-1")),
                Json.object().set("customer", aCustomer().named("Anne", "Lee").withEmail("anne@old.example").build()
                        .put("external_id", "c-2")),
                Json.object().set("customer", aCustomer().named("Ann", "Lee").withEmail("Ann@Old.Example").build()
                        .put("external_id", "c-3")))).body();

        String ann = answer.at("/records/0/id").asText();
        String anne = answer.at("/records/1/id").asText();
        assertThat(texts(answer.path("records"), "outcome")).containsExactly("created", "created", "matched");
        assertThat(answer.at("/records/2/id").asText()).isEqualTo(ann);
        assertThat(rows.count("customer")).isEqualTo(2);
        // Only the later one suggests the earlier, as two single imports would have.
        List<String> suggested = rows.inTenant(h -> h.createQuery("SELECT customer_id || '>' || duplicate_of FROM suggested_duplicate")
                .mapTo(String.class).list());
        assertThat(suggested).containsExactly(anne + ">" + ann);
        assertThat(shop.ok("ImportCommerceHistory", records(
                Json.object().set("customer", aCustomer().named("Ann", "Lee").withEmail("ann@old.example").build()
                        .put("external_id", "c-1")),
                Json.object().set("customer", aCustomer().named("Anne", "Lee").withEmail("anne@old.example").build()
                        .put("external_id", "c-2")),
                Json.object().set("customer", aCustomer().named("Ann", "Lee").withEmail("Ann@Old.Example").build()
                        .put("external_id", "c-3")))).body().path("unchanged").asInt()).isEqualTo(3);
    }

    @Test
    void theSameBatchSentConcurrentlyIsImportedOnceAndTheOthersAreTold() throws Exception {
        List<java.util.concurrent.Future<Api.Response>> calls = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) calls.add(threads.submit(() -> shop.call("ImportCommerceHistory", history())));
        }

        int imported = 0;
        for (var call : calls) {
            Api.Response r = call.get();
            assertThat(r.status()).as(r.body().toString()).isIn(200, 409);
            if (r.status() == 200 && r.body().path("created").asInt() > 0) imported++;
        }
        assertThat(imported).isEqualTo(1);
        assertThat(rows.count("sale")).isEqualTo(2);
        assertThat(rows.count("refund")).isEqualTo(1);
        assertThat(shop.ok("ImportCommerceHistory", history()).body().path("unchanged").asInt()).isEqualTo(5);
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    /** Jane and Bob; Jane's two paid sales (January: 2 pavers; February: 1 glove line of 10.00); 5.00 refunded of January's. */
    private ObjectNode history() {
        ObjectNode refund = Json.object().put("external_id", "r-1").put("sale_external_id", "o-1").put("amount", 5)
                .put("reason", "broken");
        refund.set("transaction", gateway("00", "Refunded"));
        return records(
                Json.object().set("customer", aCustomer().named("Jane", "Doe").withEmail("jane@old.example").build()
                        .put("external_id", "c-1")),
                Json.object().set("customer", aCustomer().named("Bob", "Roe").withEmail("bob@old.example").build()
                        .put("external_id", "c-2")),
                Json.object().set("sale", sale("o-1", "c-1", JAN)),
                Json.object().set("sale", aSale().paid().soldAt(FEB).of(gloves, 1).withExternalId("o-2").build()
                        .put("customer_external_id", "c-1")),
                Json.object().set("refund", refund));
    }

    private ObjectNode sale(String externalId, String customerExternalId, Instant soldAt) {
        return aSale().paid().soldAt(soldAt).of(paver, 2).withExternalId(externalId).build()
                .put("customer_external_id", customerExternalId);
    }

    private static ObjectNode records(ObjectNode... records) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("records");
        List.of(records).forEach(array::add);
        return body;
    }
}
