package io.clientele.commerce;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.ProductBuilder.aProduct;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UpsertProduct, GetProduct and GetProducts: create, update, upsert by internal_id, money, groups, paging, audit. */
class ProductsIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);

    @Test
    void creatingAProductAnswersItsIdTheOutcomeAndTheProduct() {
        String pavers = group("Pavers");

        Api.Response created = shop.ok("UpsertProduct", aProduct().named("Granite paver").withSku("GP-60").pricedAt("19.99")
                .knownInternallyAs("shopify-1001").inGroup(pavers).build());

        String id = created.text("product_id");
        assertThat(Ids.isId(id)).isTrue();
        assertThat(created.text("outcome")).isEqualTo("created");
        assertThat(created.text("result")).isEqualTo("Product created.");
        JsonNode product = shop.ok("GetProduct", Json.object().put("product_id", id)).body().path("product");
        assertThat(product).isEqualTo(created.body().path("product"));
        assertThat(product.path("name").asText()).isEqualTo("Granite paver");
        assertThat(product.path("sku").asText()).isEqualTo("GP-60");
        assertThat(product.path("internal_id").asText()).isEqualTo("shopify-1001");
        assertThat(product.path("price").isNumber()).isTrue();
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(product.path("product_group_id").asText()).isEqualTo(pavers);
        assertThat(product.path("created_at").asText()).isEqualTo(product.path("updated_at").asText());
    }

    @Test
    void aProductNeedsOnlyItsName() {
        JsonNode product = shop.ok("UpsertProduct", aProduct().named("Gift card").build()).body().path("product");

        assertThat(product.path("sku").isNull()).isTrue();
        assertThat(product.path("internal_id").isNull()).isTrue();
        assertThat(product.path("price").isNull()).isTrue();
        assertThat(product.path("product_group_id").isNull()).isTrue();
    }

    @Test
    void upsertWithProductIdChangesOnlyWhatIsSentAndAnEmptyStringClears() {
        String pavers = group("Pavers");
        String id = shop.ok("UpsertProduct", aProduct().named("Paver").withSku("P-1").pricedAt("10.00").inGroup(pavers)
                .knownInternallyAs("erp-7").build()).text("product_id");

        Api.Response updated = shop.ok("UpsertProduct", aProduct().withId(id).named("Paver XL").pricedAt("12.50")
                .withSku("").build());

        assertThat(updated.text("outcome")).isEqualTo("updated");
        assertThat(texts(updated.body().path("changed_fields"))).containsExactly("name", "sku", "price");
        assertThat(updated.text("result")).isEqualTo("Product updated: name, sku, price.");
        JsonNode product = shop.ok("GetProduct", Json.object().put("product_id", id)).body().path("product");
        assertThat(product.path("name").asText()).isEqualTo("Paver XL");
        assertThat(product.path("sku").isNull()).isTrue();
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(product.path("internal_id").asText()).as("left out, kept").isEqualTo("erp-7");
        assertThat(product.path("product_group_id").asText()).as("left out, kept").isEqualTo(pavers);
        assertThat(Instant.parse(product.path("updated_at").asText())).isAfter(product.path("created_at").asText());

        shop.ok("UpsertProduct", aProduct().withId(id).named("Paver XL").inGroup("").build());
        assertThat(shop.ok("GetProduct", Json.object().put("product_id", id)).body().at("/product/product_group_id").isNull()).isTrue();
    }

    @Test
    void loadingTheSameCatalogueTwiceByInternalIdUpdatesInsteadOfDuplicating() {
        List<ObjectNode> catalogue = List.of(
                aProduct().named("Paver").knownInternallyAs("shop-1").pricedAt("19.99").build(),
                aProduct().named("Sand").knownInternallyAs("shop-2").pricedAt("4.50").build());
        List<String> firstIds = new ArrayList<>();
        for (ObjectNode p : catalogue) firstIds.add(shop.ok("UpsertProduct", p).text("product_id"));

        List<String> outcomes = new ArrayList<>();
        List<String> secondIds = new ArrayList<>();
        for (ObjectNode p : catalogue) {
            Api.Response again = shop.ok("UpsertProduct", p.put("price", new BigDecimal("21.00")));
            outcomes.add(again.text("outcome"));
            secondIds.add(again.text("product_id"));
        }

        assertThat(secondIds).isEqualTo(firstIds);
        assertThat(outcomes).containsExactly("updated", "updated");
        assertThat(products(Json.object())).containsExactlyInAnyOrderElementsOf(firstIds);
        assertThat(shop.ok("GetProducts", Json.object().put("internal_id", "shop-1")).body().at("/products/0/price").decimalValue())
                .isEqualByComparingTo("21.00");
    }

    @Test
    void anUpsertThatChangesNothingWritesNothing() {
        ObjectNode paver = aProduct().named("Paver").knownInternallyAs("shop-1").pricedAt("19.9").build();
        JsonNode first = shop.ok("UpsertProduct", paver).body();
        int auditRows = rows.auditRows().size();

        Api.Response again = shop.ok("UpsertProduct", paver.put("price", new BigDecimal("19.90")).put("name", " Paver "));

        assertThat(again.text("outcome")).isEqualTo("unchanged");
        assertThat(again.body().path("changed_fields").size()).isZero();
        assertThat(again.body().path("product")).isEqualTo(first.path("product"));
        assertThat(rows.auditRows()).hasSize(auditRows);
    }

    @Test
    void anUnknownProductIdIsNotFoundAndCreatesNothing() {
        String ghost = Ids.newId();

        Api.Response r = shop.call("UpsertProduct", aProduct().withId(ghost).knownInternallyAs("shop-9").build());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorType()).isEqualTo("not_found");
        assertThat(r.body().at("/error/message").asText()).contains(ghost);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/product_id");
        assertThat(rows.count("product")).isZero();
        assertThat(shop.call("GetProduct", Json.object().put("product_id", ghost)).status()).isEqualTo(404);
    }

    @Test
    void anInternalIdAnotherProductHasIsAConflictNamingThatProduct() {
        String first = shop.ok("UpsertProduct", aProduct().named("Paver").knownInternallyAs("shop-1").build()).text("product_id");
        String second = shop.ok("UpsertProduct", aProduct().named("Sand").knownInternallyAs("shop-2").build()).text("product_id");

        Api.Response r = shop.call("UpsertProduct", aProduct().withId(second).named("Sand").knownInternallyAs("shop-1").build());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorType()).isEqualTo("conflict");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/internal_id");
        assertThat(r.body().at("/error/message").asText()).contains(first, "shop-1");
        assertThat(shop.ok("GetProduct", Json.object().put("product_id", second)).body().at("/product/internal_id").asText())
                .isEqualTo("shop-2");
    }

    @Test
    void theProductGroupMustBeAGroupOfTheTenant() {
        String ghost = Ids.newId();

        Api.Response unknown = shop.call("UpsertProduct", aProduct().inGroup(ghost).build());
        Api.Response placeholder = shop.call("UpsertProduct", aProduct().inGroup("none").build());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorType()).isEqualTo("not_found");
        assertThat(unknown.body().at("/error/message").asText()).contains("product_group", ghost);
        assertThat(unknown.body().at("/error/details/0/path").asText()).isEqualTo("/product_group_id");
        assertThat(placeholder.status()).isEqualTo(400);
        assertThat(placeholder.body().at("/error/details/0/path").asText()).isEqualTo("/product_group_id");
        assertThat(placeholder.body().at("/error/details/0/message").asText()).isEqualTo("must be a 20-character id of letters and digits");
        assertThat(rows.count("product")).isZero();
        assertThat(rows.auditRows()).isEmpty();
    }

    @Test
    void aGroupOfAnotherTenantIsNotFoundLikeOneThatNeverExisted() {
        String theirs = api.newTenant("Other").ok("UpsertProductGroup", named("Pavers")).text("product_group_id");

        Api.Response r = shop.call("UpsertProduct", aProduct().inGroup(theirs).build());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/product_group_id");
        assertThat(rows.count("product")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.1", "0.29", "1.10", "19.99", "1234567.89", "99999999999.99", "1e2"})
    void pricesKeepTheirExactCents(String price) {
        JsonNode product = shop.ok("UpsertProduct", aProduct().pricedAt(price).build()).body().path("product");

        BigDecimal stored = rows.inTenant(h -> h.createQuery("SELECT price FROM product").mapTo(BigDecimal.class).one());
        assertThat(stored).isEqualByComparingTo(price).hasScaleOf(2);
        assertThat(product.path("price").decimalValue()).isEqualByComparingTo(price);
    }

    @Test
    void pricesGoOutAsNumbersWithTwoDecimals() throws Exception {
        HttpRequest request = api.request("/v1/ops/UpsertProduct").header("Authorization", "Bearer " + shop.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Paver\",\"price\":20}")).build();

        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains("\"price\":20.00,");
    }

    @Test
    void aNegativePriceIsRefusedWithItsPointer() {
        assertPriceRefused("-0.01", "must be at least 0");
    }

    @Test
    void aPriceWithMoreThanTwoDecimalsIsRefused() {
        assertPriceRefused("19.999", "must have at most 2 decimal places, e.g. 19.99");
        assertPriceRefused("0.001", "must have at most 2 decimal places, e.g. 19.99");
    }

    @Test
    void aPriceBeyondWhatNumeric14Point2HoldsIsRefused() {
        assertPriceRefused("100000000000", "must be at most 99999999999.99");
        assertPriceRefused("99999999999.999", "must be at most 99999999999.99");
    }

    @Test
    void aPriceSentAsTextIsRefused() {
        Api.Response r = shop.call("UpsertProduct", aProduct().build().put("price", "19.99"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/price");
        assertThat(r.body().at("/error/details/0/message").asText()).isEqualTo("must be a number (got a string)");
    }

    @Test
    void aBlankNameIsRefused() {
        Api.Response r = shop.call("UpsertProduct", aProduct().named("   ").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/name");
        assertThat(rows.count("product")).isZero();
    }

    @Test
    void productsAreListedNewestFirstAPageAtATime() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) created.add(shop.ok("UpsertProduct", aProduct().named("P" + i).build()).text("product_id"));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode in = Json.object().put("limit", 2);
            if (cursor != null) in.put("cursor", cursor);
            JsonNode page = shop.ok("GetProducts", in).body();
            seen.addAll(texts(page.path("products"), "product_id"));
            pageSizes.add(page.path("products").size());
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        assertThat(products(Json.object().put("order", "oldest_first"))).containsExactlyElementsOf(created);
    }

    @Test
    void aCursorThisOperationDidNotIssueIsRefused() {
        Api.Response r = shop.call("GetProducts", Json.object().put("cursor", "not-a-cursor"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }

    @Test
    void productsAreFilteredByGroupSkuAndInternalId() {
        String pavers = group("Pavers");
        String sand = group("Sand");
        String granite = shop.ok("UpsertProduct", aProduct().inGroup(pavers).withSku("GP-60").build()).text("product_id");
        String basalt = shop.ok("UpsertProduct", aProduct().inGroup(pavers).withSku("BP-60").knownInternallyAs("b").build())
                .text("product_id");
        String river = shop.ok("UpsertProduct", aProduct().inGroup(sand).withSku("GP-60").build()).text("product_id");

        assertThat(products(Json.object().put("product_group_id", pavers))).containsExactly(basalt, granite);
        assertThat(products(Json.object().put("sku", "GP-60"))).containsExactly(river, granite);
        assertThat(products(Json.object().put("sku", "GP-60").put("product_group_id", sand))).containsExactly(river);
        assertThat(products(Json.object().put("internal_id", "b"))).containsExactly(basalt);
        assertThat(products(Json.object().put("sku", "gp-60"))).as("sku matches exactly").isEmpty();
        assertThat(products(Json.object().put("product_group_id", Ids.newId()))).isEmpty();
    }

    @Test
    void everyChangeIsAuditedUnderItemTypeProductWithBeforeAndAfter() {
        Api.Response created = shop.ok("UpsertProduct", aProduct().named("Paver").pricedAt("19.99").build());
        String id = created.text("product_id");
        Api.Response updated = shop.ok("UpsertProduct", aProduct().withId(id).named("Paver").pricedAt("24.00").build());

        JsonNode entries = shop.ok("GetAuditLog", auditOf("product", id)).body().path("entries");

        assertThat(texts(entries, "action")).containsExactly("create", "update");
        assertThat(texts(entries, "api_call_id")).containsExactly(created.apiCallId(), updated.apiCallId());
        assertThat(entries.get(0).path("before").isNull()).isTrue();
        assertThat(entries.get(0).at("/after/price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(entries.get(1).at("/before/price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(entries.get(1).at("/after/price").decimalValue()).isEqualByComparingTo("24.00");
        assertThat(entries.get(1).at("/after/product_id").asText()).isEqualTo(id);
        assertThat(rows.eventsOfCall(created.apiCallId())).as("the catalogue emits no events").isEmpty();
    }

    @Test
    void concurrentUpsertsOfOneNewInternalIdCreateOneProduct() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String price = "1" + i + ".00";
                calls.add(pool.submit(() -> shop.call("UpsertProduct",
                        aProduct().named("Paver").knownInternallyAs("shop-race").pricedAt(price).build())));
            }
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : calls) answers.add(f.get());

            assertThat(answers).allMatch(Api.Response::ok);
            assertThat(answers.stream().map(a -> a.text("outcome")).filter("created"::equals)).hasSize(1);
            assertThat(answers.stream().map(a -> a.text("product_id")).distinct()).hasSize(1);
            assertThat(rows.count("product")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertPriceRefused(String price, String message) {
        Api.Response r = shop.call("UpsertProduct", aProduct().pricedAt(price).build());

        assertThat(r.status()).as(price).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/price");
        assertThat(r.body().at("/error/details/0/message").asText()).as(price).isEqualTo(message);
        assertThat(rows.count("product")).isZero();
    }

    private String group(String name) {
        return shop.ok("UpsertProductGroup", named(name)).text("product_group_id");
    }

    private List<String> products(ObjectNode filter) {
        return texts(shop.ok("GetProducts", filter).body().path("products"), "product_id");
    }
}
