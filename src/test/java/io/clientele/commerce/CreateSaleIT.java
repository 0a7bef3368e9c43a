package io.clientele.commerce;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.amounts;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.named;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** CreateSale and GetSale: lines and amounts, the customer by id or by contact, references, history imports, replays. */
class CreateSaleIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "19.99");
    private final String sealant = product(shop, "7.50");

    @Test
    void aPaidSaleIsRecordedWithItsLinesTheirSumsAndTheGatewayTransaction() {
        Api.Response created = shop.ok("CreateSale", aSale().paid().by(jane)
                .of(paver, 3).discounted("5.00").taxed("4.50").shipped("10.00")
                .of(sealant, 2).at("6.25").asUpsell()
                .withGatewayResponse("00", "Approved").build());

        String saleId = created.text("sale_id");
        assertThat(created.text("result")).isEqualTo("Sale recorded as paid.");
        assertThat(created.body().path("created").asBoolean()).isTrue();
        assertThat(created.body().path("customer_created").asBoolean()).isFalse();
        assertThat(created.text("customer_id")).isEqualTo(jane);
        assertThat(created.body().path("total").decimalValue()).isEqualByComparingTo("81.97");
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        JsonNode sale = got.path("sale");
        assertThat(sale.path("status").asText()).isEqualTo("paid");
        assertThat(amount(sale.path("subtotal"))).isEqualTo("72.47");
        assertThat(amount(sale.path("discount"))).isEqualTo("5.00");
        assertThat(amount(sale.path("tax"))).isEqualTo("4.50");
        assertThat(amount(sale.path("shipping"))).isEqualTo("10.00");
        assertThat(amount(sale.path("total"))).isEqualTo("81.97");
        assertThat(amount(sale.path("refunded"))).isEqualTo("0.00");
        assertThat(sale.path("upsell").asBoolean()).isTrue();
        assertThat(sale.path("sold_at").asText()).isEqualTo(sale.path("created_at").asText());
        JsonNode lines = got.path("product_sales");
        assertThat(texts(lines, "product_sale_id")).containsExactlyElementsOf(texts(created.body().path("product_sale_ids")));
        assertThat(texts(lines, "product_id")).containsExactly(paver, sealant);
        assertThat(amounts(lines, "price")).containsExactly("19.99", "6.25");
        assertThat(amounts(lines, "total")).containsExactly("69.47", "12.50");
        assertThat(texts(lines, "upsell")).containsExactly("false", "true");
        JsonNode transaction = got.at("/transactions/0");
        assertThat(got.path("transactions").size()).isEqualTo(1);
        assertThat(transaction.path("sale_transaction_id").asText()).isEqualTo(created.text("sale_transaction_id"));
        assertThat(transaction.path("kind").asText()).isEqualTo("sale");
        assertThat(amount(transaction.path("amount"))).isEqualTo("81.97");
        assertThat(transaction.path("success").asBoolean()).isTrue();
        assertThat(transaction.path("gateway_response_code").asText()).isEqualTo("00");
        assertThat(transaction.path("gateway_response_message").asText()).isEqualTo("Approved");
        assertThat(got.path("refunds").size()).isZero();
    }

    @Test
    void aSaleIsAnnouncedOnItsCustomersTimelineAndAuditedWithEachLineAndTransaction() {
        Api.Response created = shop.ok("CreateSale", aSale().declined().by(jane).of(paver, 1).of(sealant, 1)
                .withGatewayResponse("05", "Do not honor").build());
        String saleId = created.text("sale_id");

        JsonNode last = lastTimelineEntry(jane);
        assertThat(last.path("event").asText()).isEqualTo("sale.created.pending.declined");
        assertThat(last.path("kind").asText()).isEqualTo("sale_created");
        assertThat(last.path("summary").asText()).isEqualTo("Sale of 27.49 declined; pending, may be salvaged.");
        assertThat(last.path("item_type").asText()).isEqualTo("sale");
        assertThat(last.path("item_id").asText()).isEqualTo(saleId);
        assertThat(last.at("/details/sale/sale_id").asText()).isEqualTo(saleId);
        assertThat(last.at("/details/product_sales").size()).isEqualTo(2);
        assertThat(last.at("/details/transaction/success").asBoolean()).isFalse();
        assertThat(last.at("/details/customer_created").asBoolean()).isFalse();
        List<TenantRows.AuditRow> audit = rows.auditRowsOfCall(created.apiCallId());
        assertThat(audit).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("sale create", "product_sale create", "product_sale create", "sale_transaction create");
        assertThat(amount(shop.ok("GetAuditLog", auditOf("sale", saleId)).body().at("/entries/0/after/total"))).isEqualTo("27.49");
    }

    @Test
    void eachStartingStatusHasItsOwnNotation() {
        for (String[] c : new String[][] {{"paid", "sale.created.success.paid", "Sale of 19.99 paid."},
                {"pending_declined", "sale.created.pending.declined", "Sale of 19.99 declined; pending, may be salvaged."},
                {"pending_abandoned", "sale.created.pending.abandoned", "Sale of 19.99 abandoned; pending, may be salvaged."},
                {"failed_declined", "sale.created.failed.declined", "Sale of 19.99 declined."}}) {
            shop.ok("CreateSale", aSale().withStatus(c[0]).by(jane).of(paver, 1).build());

            JsonNode last = lastTimelineEntry(jane);
            assertThat(last.path("event").asText()).isEqualTo(c[1]);
            assertThat(last.path("summary").asText()).isEqualTo(c[2]);
        }
    }

    @Test
    void aSaleCannotStartVoidedOrRefunded() {
        Api.Response r = shop.call("CreateSale", aSale().withStatus("void").by(jane).of(paver, 1).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/status");
        assertThat(r.body().at("/error/details/0/message").asText())
                .isEqualTo("must be one of: paid, pending_declined, pending_abandoned, failed_declined");
    }

    @Test
    void theCatalogueSetsThePriceUnlessTheSaleDoesAndAnUnpricedProductNeedsOne() {
        String giftCard = product(shop, null);

        Api.Response missing = shop.call("CreateSale", aSale().by(jane).of(paver, 1).of(giftCard, 1).build());
        Api.Response given = shop.ok("CreateSale", aSale().by(jane).of(paver, 1).of(giftCard, 1).at("50").build());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales/1/price");
        assertThat(missing.body().at("/error/details/0/message").asText()).contains(giftCard).contains("has no catalogue price");
        JsonNode lines = shop.ok("GetSale", sale(given.text("sale_id"))).body().path("product_sales");
        assertThat(amounts(lines, "price")).containsExactly("19.99", "50.00");
    }

    @Test
    void contactDetailsFindTheLiveCustomerWithThatEmailWhateverItsCase() {
        String ada = shop.createCustomer(aCustomer().withEmail("Ada@Example.com").named("Ada", "Lovelace"));

        Api.Response r = shop.ok("CreateSale", aSale().byContact(aCustomer().withEmail("  ada@EXAMPLE.com ").named("A", "L"))
                .of(paver, 1).build());

        assertThat(r.text("customer_id")).isEqualTo(ada);
        assertThat(r.body().path("customer_created").asBoolean()).isFalse();
        JsonNode customer = shop.ok("GetCustomer", customer(ada)).body().path("customer");
        assertThat(customer.path("first_name").asText()).as("a matched customer is not edited").isEqualTo("Ada");
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("sale.created.success.paid");
    }

    @Test
    void contactDetailsCreateTheCustomerFirstWhenNoLiveCustomerHasTheEmail() {
        String departed = shop.createCustomer(aCustomer().withEmail("grace@example.com"));
        shop.ok("DeleteCustomer", customer(departed));

        Api.Response r = shop.ok("CreateSale", aSale().byContact(aCustomer().withEmail("grace@example.com")
                .named("Grace", "Hopper").livingIn("US")).of(paver, 1).build());

        String grace = r.text("customer_id");
        assertThat(grace).isNotEqualTo(departed);
        assertThat(r.body().path("customer_created").asBoolean()).isTrue();
        assertThat(r.text("result")).isEqualTo("Sale recorded as paid, with a new customer.");
        assertThat(shop.ok("GetCustomer", customer(grace)).body().at("/customer/last_name").asText()).isEqualTo("Hopper");
        assertThat(rows.eventsOf(grace)).extracting(e -> e.customerSeq() + " " + e.notation())
                .containsExactly("1 customer.created", "2 sale.created.success.paid");
        assertThat(rows.eventsOf(grace).get(1).payload().path("customer_created").asBoolean()).isTrue();
    }

    @Test
    void contactDetailsAreCheckedLikeCreateCustomerChecksThemAndPointIntoCustomer() {
        Api.Response r = shop.call("CreateSale", aSale().byContact(aCustomer().withEmail("not-an-email").livingIn("XX"))
                .of(paver, 1).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(texts(r.body().at("/error/details"), "path")).containsExactly("/customer/email", "/customer/address/country");
        assertThat(rows.count("customer")).isEqualTo(1);
    }

    @Test
    void contactDetailsNeedAnEmail() {
        Api.Response r = shop.call("CreateSale", aSale().byContact(aCustomer().withEmail("x@example.com")).of(paver, 1).build()
                .<ObjectNode>set("customer", Json.object().put("first_name", "Nomail")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer/email");
    }

    @Test
    void aSaleNamesItsCustomerOnceEitherByIdOrByContact() {
        Api.Response both = shop.call("CreateSale", aSale().by(jane).byContact(aCustomer()).of(paver, 1).build());
        Api.Response neither = shop.call("CreateSale", aSale().of(paver, 1).build());

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().at("/error/details/0/path").asText()).isEqualTo("/customer");
        assertThat(both.body().at("/error/details/0/message").asText()).isEqualTo("send either customer_id or customer, not both");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
    }

    @Test
    void aDeletedOrUnknownCustomerIsNotFound() {
        shop.ok("DeleteCustomer", customer(jane));

        Api.Response deleted = shop.call("CreateSale", aSale().by(jane).of(paver, 1).build());
        Api.Response unknown = shop.call("CreateSale", aSale().by(Ids.newId()).of(paver, 1).build());

        for (Api.Response r : List.of(deleted, unknown)) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
        }
    }

    @Test
    void unknownProductsCampaignsAndShopsAreNotFoundAtTheirPointer() {
        String campaign = shop.ok("UpsertCampaign", named("Spring")).text("campaign_id");
        String amazon = shop.ok("UpsertThirdPartyShop", named("Amazon")).text("third_party_shop_id");
        String ghost = Ids.newId();

        Api.Response product = shop.call("CreateSale", aSale().by(jane).of(paver, 1).of(ghost, 1).build());
        Api.Response badCampaign = shop.call("CreateSale", aSale().by(jane).of(paver, 1).fromCampaign(ghost).build());
        Api.Response badShop = shop.call("CreateSale", aSale().by(jane).of(paver, 1).throughShop(ghost).build());
        Api.Response ok = shop.ok("CreateSale", aSale().by(jane).of(paver, 1).fromCampaign(campaign).throughShop(amazon).build());

        assertThat(product.status()).isEqualTo(404);
        assertThat(product.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales/1/product_id");
        assertThat(product.body().at("/error/message").asText()).contains("No product with id " + ghost);
        assertThat(badCampaign.body().at("/error/details/0/path").asText()).isEqualTo("/campaign_id");
        assertThat(badShop.body().at("/error/details/0/path").asText()).isEqualTo("/third_party_shop_id");
        JsonNode sale = shop.ok("GetSale", sale(ok.text("sale_id"))).body().path("sale");
        assertThat(sale.path("campaign_id").asText()).isEqualTo(campaign);
        assertThat(sale.path("third_party_shop_id").asText()).isEqualTo(amazon);
    }

    @Test
    void amountsAreNeverNegativeHaveAtMostTwoDecimalsAndALineNeverTotalsBelowZero() {
        ObjectNode input = aSale().by(jane).of(paver, 1).at("19.999").of(sealant, 1).discounted("100.00").build();
        ((ObjectNode) input.at("/product_sales/0")).put("tax", -1);

        Api.Response schema = shop.call("CreateSale", input);
        Api.Response negativeTotal = shop.call("CreateSale", aSale().by(jane).of(paver, 1).of(sealant, 2).discounted("15.01")
                .taxed("0.00").build());

        assertThat(schema.status()).isEqualTo(400);
        assertThat(texts(schema.body().at("/error/details"), "path")).containsExactly("/product_sales/0/price", "/product_sales/0/tax");
        assertThat(schema.body().at("/error/details/0/message").asText()).isEqualTo("must have at most 2 decimal places, e.g. 19.99");
        assertThat(negativeTotal.status()).isEqualTo(400);
        assertThat(negativeTotal.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales/1/discount");
        assertThat(negativeTotal.body().at("/error/details/0/message").asText())
                .isEqualTo("the discount (15.01) is more than quantity × price + tax + shipping (15.00); a product sale's total cannot be negative");
        assertThat(rows.count("sale")).isZero();
    }

    @Test
    void quantitiesAndLineCountsHaveLimits() {
        ObjectNode tooMany = aSale().by(jane).build();
        for (int i = 0; i < 101; i++) ((com.fasterxml.jackson.databind.node.ArrayNode) tooMany.get("product_sales"))
                .addObject().put("product_id", paver).put("quantity", 1);

        Api.Response none = shop.call("CreateSale", aSale().by(jane).build());
        Api.Response lines = shop.call("CreateSale", tooMany);
        Api.Response quantity = shop.call("CreateSale", aSale().by(jane).of(paver, 10_001).build());
        Api.Response most = shop.ok("CreateSale", aSale().by(jane).of(paver, 10_000).build());

        assertThat(none.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales");
        assertThat(lines.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales");
        assertThat(quantity.body().at("/error/details/0/path").asText()).isEqualTo("/product_sales/0/quantity");
        assertThat(amount(most.body().path("total"))).isEqualTo("199900.00");
    }

    @Test
    void aHistoryImportKeepsItsPastSaleDateButTheFutureIsRefused() {
        Instant lastYear = Instant.parse("2024-06-01T12:30:00Z");

        Api.Response past = shop.ok("CreateSale", aSale().by(jane).of(paver, 1).soldAt(lastYear).build());
        Api.Response skewed = shop.call("CreateSale", aSale().by(jane).of(paver, 1)
                .soldAt(Instant.now().plus(Duration.ofMinutes(2))).build());
        Api.Response future = shop.call("CreateSale", aSale().by(jane).of(paver, 1)
                .soldAt(Instant.now().plus(Duration.ofHours(1))).build());

        assertThat(shop.ok("GetSale", sale(past.text("sale_id"))).body().at("/sale/sold_at").asText()).isEqualTo("2024-06-01T12:30:00Z");
        assertThat(skewed.ok()).as("a clock a little ahead is tolerated").isTrue();
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().at("/error/details/0/path").asText()).isEqualTo("/sold_at");
    }

    @Test
    void theSameRequestUnderItsExternalIdIsRecordedOnceAndADifferentOneIsAConflict() {
        ObjectNode order = aSale().by(jane).of(paver, 2).withExternalId("shopify-5001").soldAt(Instant.parse("2025-01-02T03:04:05Z"))
                .build();
        Api.Response first = shop.ok("CreateSale", order);
        int events = rows.events().size();

        Api.Response again = shop.ok("CreateSale", order);
        Api.Response other = shop.call("CreateSale", aSale().by(jane).of(paver, 3).withExternalId("shopify-5001").build());
        Api.Response elsewhere = api.newTenant("Other shop").call("CreateSale", order);

        assertThat(again.text("sale_id")).isEqualTo(first.text("sale_id"));
        assertThat(again.body().path("created").asBoolean()).isFalse();
        assertThat(again.text("result")).contains("already recorded");
        assertThat(rows.events()).hasSize(events);
        assertThat(rows.count("sale")).isEqualTo(1);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().at("/error/details/0/path").asText()).isEqualTo("/external_id");
        assertThat(other.body().at("/error/message").asText()).contains(first.text("sale_id"));
        assertThat(elsewhere.status()).as("another tenant's external ids are its own; its customer is unknown here").isEqualTo(404);
    }

    @Test
    void concurrentSalesForANewEmailCreateOneCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> shop.call("CreateSale",
                        aSale().byContact(aCustomer().withEmail("rush@example.com")).of(paver, 1).build())));
            }
            Set<String> customers = new HashSet<>();
            for (Future<Api.Response> call : calls) {
                Api.Response r = call.get();
                assertThat(r.ok()).as("%s", r).isTrue();
                customers.add(r.text("customer_id"));
            }
            assertThat(customers).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void notesAndMetadataAttachToSalesAndProductSalesAndShowInTheCustomersHistory() {
        Api.Response created = shop.ok("CreateSale", aSale().by(jane).of(paver, 1).build());
        String saleId = created.text("sale_id");
        String lineId = created.body().at("/product_sale_ids/0").asText();

        shop.ok("CreateNote", Json.object().put("item_type", "sale").put("item_id", saleId).put("text", "Charged twice?"));
        shop.ok("InsertMetadata", Json.object().put("item_type", "product_sale").put("item_id", lineId)
                .set("metadata", Json.MAPPER.createArrayNode().add(Json.object().put("name", "color").put("value", "grey"))));

        JsonNode notes = shop.ok("GetNotes", Json.object().put("item_type", "customer").put("item_id", jane)).body().path("notes");
        assertThat(texts(notes, "text")).containsExactly("Charged twice?");
        assertThat(notes.at("/0/item_type").asText()).isEqualTo("sale");
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(texts(entries, "event")).endsWith("sale.created.success.paid", "note.created", "metadata.inserted");
        assertThat(entries.get(entries.size() - 2).path("summary").asText()).isEqualTo("Note added on sale: Charged twice?");
        assertThat(entries.get(entries.size() - 2).path("item_id").asText()).isEqualTo(saleId);
        assertThat(entries.get(entries.size() - 1).path("item_type").asText()).isEqualTo("product_sale");
        assertThat(shop.ok("GetMetadata", Json.object().put("item_type", "product_sale").put("item_id", lineId)).body()
                .at("/metadata/0/value").asText()).isEqualTo("grey");
        assertThat(shop.call("CreateNote", Json.object().put("item_type", "sale").put("item_id", Ids.newId()).put("text", "?"))
                .status()).isEqualTo(404);
    }

    @Test
    void anUnknownSaleIsNotFound() {
        Api.Response r = shop.call("GetSale", sale(Ids.newId()));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
    }

    private JsonNode lastTimelineEntry(String customerId) {
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(customerId).put("limit", 500)).body().path("entries");
        return entries.get(entries.size() - 1);
    }

    static ObjectNode sale(String saleId) {
        return Json.object().put("sale_id", saleId);
    }
}
