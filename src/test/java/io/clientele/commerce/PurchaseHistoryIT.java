package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.amounts;
import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.SaleBuilder.aSale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.Api;
import io.clientele.testing.ProductBuilder;
import io.clientele.testing.TestServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GetCustomer's commerce sections and GetProductsPurchased: the support agent's view of what a customer bought. */
class PurchaseHistoryIT {
    private static final Instant JAN = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-10T09:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-10T09:00:00Z");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Garden Shop");
    private final String jane = shop.createCustomer();
    private final String paver = product("Paver", "PAV-1", "erp-paver", "20.00");
    private final String gloves = product("Gloves", "GLV-1", null, "10.00");
    private final String shovel = product("Shovel", null, null, "35.00");

    @Test
    void aCustomerWithoutSalesHasZeroLifetimeValueAndEmptyCommerceSections() {
        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();

        assertThat(fieldNames(profile)).contains("customer", "metadata", "notes", "lifetime_value", "products_purchased",
                "recent_sales", "refunds");
        assertThat(profile.at("/lifetime_value/customer_id").asText()).isEqualTo(jane);
        assertThat(profile.at("/lifetime_value/num_sale").asInt()).isZero();
        assertThat(amount(profile.at("/lifetime_value/net"))).isEqualTo("0.00");
        assertThat(profile.at("/products_purchased/products")).isEmpty();
        assertThat(profile.at("/products_purchased/more").asBoolean()).isFalse();
        assertThat(profile.path("recent_sales")).isEmpty();
        assertThat(profile.path("refunds")).isEmpty();
    }

    @Test
    void theLifetimeValueSectionIsWhatGetLifetimeValueAnswers() {
        record(aSale().paid().by(jane).soldAt(JAN).of(paver, 2));
        record(aSale().declined().by(jane).soldAt(FEB).of(gloves, 1));

        JsonNode section = shop.ok("GetCustomer", customer(jane)).body().path("lifetime_value");
        JsonNode figures = shop.ok("GetLifetimeValue", customer(jane)).body().path("lifetime_value");

        assertThat(section).isEqualTo(figures);
        assertThat(amount(section.path("net"))).isEqualTo("40.00");
        assertThat(amount(section.path("amount_to_salvage"))).isEqualTo("10.00");
    }

    @Test
    void productsPurchasedCountOnlySuccessfulSalesWithQuantitiesPricesAndRefunds() {
        // Paver: Jan 2 × 20.00 less 4.00 discount; Mar 1 × 18.00, then refunded in full (still a purchase).
        record(aSale().paid().by(jane).soldAt(JAN).of(paver, 2).discounted("4.00").of(gloves, 1));
        String march = record(aSale().paid().by(jane).soldAt(MAR).of(paver, 1).at("18.00").of(gloves, 3));
        shop.ok("CreateRefund", sale(march).put("amount", 12)); // of the whole 48.00 sale: 4.50 paver, 7.50 gloves
        // Bought nothing: declined, abandoned, failed and void sales.
        record(aSale().declined().by(jane).soldAt(FEB).of(shovel, 1));
        record(aSale().abandoned().by(jane).soldAt(FEB).of(shovel, 1));
        record(aSale().failed().by(jane).soldAt(FEB).of(shovel, 1));
        String voided = record(aSale().paid().by(jane).soldAt(FEB).of(shovel, 1));
        shop.ok("EditSale", sale(voided).put("status", "void"));

        JsonNode products = shop.ok("GetProductsPurchased", customer(jane)).body().path("products");

        assertThat(texts(products, "name")).containsExactlyInAnyOrder("Paver", "Gloves"); // both last bought in March
        JsonNode p = byName(products, "Paver");
        assertThat(p.path("product_id").asText()).isEqualTo(paver);
        assertThat(p.path("sku").asText()).isEqualTo("PAV-1");
        assertThat(p.path("internal_id").asText()).isEqualTo("erp-paver");
        assertThat(p.path("quantity").asLong()).isEqualTo(3);
        assertThat(amount(p.path("average_price"))).isEqualTo("19.33"); // (40.00 + 18.00) / 3
        assertThat(amount(p.path("gross"))).isEqualTo("54.00"); // 36.00 + 18.00
        assertThat(amount(p.path("refunded"))).isEqualTo("4.50");
        assertThat(p.path("purchase_count").asInt()).isEqualTo(2);
        assertThat(p.path("first_purchased_at").asText()).isEqualTo(JAN.toString());
        assertThat(p.path("last_purchased_at").asText()).isEqualTo(MAR.toString());
        JsonNode g = byName(products, "Gloves");
        assertThat(g.path("quantity").asLong()).isEqualTo(4);
        assertThat(amount(g.path("gross"))).isEqualTo("40.00");
        assertThat(amount(g.path("refunded"))).isEqualTo("7.50");
        assertThat(g.path("sku").asText()).isEqualTo("GLV-1");
        assertThat(g.path("internal_id").isNull()).isTrue();
    }

    @Test
    void aRefundOfOneProductSaleCountsForItsProductOnly() {
        String jan = record(aSale().paid().by(jane).soldAt(JAN).of(paver, 1).of(gloves, 1));
        String gloveLine = shop.ok("GetSale", sale(jan)).body().at("/product_sales/1/product_sale_id").asText();
        shop.ok("CreateRefund", sale(jan).put("product_sale_id", gloveLine));

        JsonNode products = shop.ok("GetProductsPurchased", customer(jane)).body().path("products");

        assertThat(amount(byName(products, "Gloves").path("refunded"))).isEqualTo("10.00");
        assertThat(amount(byName(products, "Paver").path("refunded"))).isEqualTo("0.00");
    }

    @Test
    void productsPurchasedArePagedMostRecentlyBoughtFirst() {
        record(aSale().paid().by(jane).soldAt(JAN).of(shovel, 1));
        record(aSale().paid().by(jane).soldAt(FEB).of(gloves, 1));
        record(aSale().paid().by(jane).soldAt(MAR).of(paver, 1));

        JsonNode first = shop.ok("GetProductsPurchased", customer(jane).put("limit", 2)).body();
        JsonNode second = shop.ok("GetProductsPurchased", customer(jane).put("limit", 2)
                .put("cursor", first.path("next_cursor").asText())).body();

        assertThat(texts(first.path("products"), "name")).containsExactly("Paver", "Gloves");
        assertThat(texts(second.path("products"), "name")).containsExactly("Shovel");
        assertThat(second.path("next_cursor").isNull()).isTrue();
        JsonNode section = shop.ok("GetCustomer", customer(jane)).body().path("products_purchased");
        assertThat(texts(section.path("products"), "name")).containsExactly("Paver", "Gloves", "Shovel");
    }

    @Test
    void recentSalesAreTheTenNewestWithStatusAmountsAndLines() {
        for (int day = 1; day <= 12; day++) {
            record(aSale().paid().by(jane).soldAt(JAN.plusSeconds(86_400L * day)).of(paver, day).of(gloves, 1));
        }
        String declined = record(aSale().declined().by(jane).soldAt(MAR).of(shovel, 1));

        JsonNode recent = shop.ok("GetCustomer", customer(jane)).body().path("recent_sales");

        assertThat(recent).hasSize(10);
        assertThat(recent.at("/0/sale_id").asText()).isEqualTo(declined);
        assertThat(recent.at("/0/status").asText()).isEqualTo("pending_declined");
        assertThat(recent.at("/0/lines/0/name").asText()).isEqualTo("Shovel");
        assertThat(recent.at("/1/status").asText()).isEqualTo("paid");
        assertThat(amount(recent.at("/1/total"))).isEqualTo("250.00"); // day 12: 12 × 20.00 + 10.00
        assertThat(texts(recent.at("/1/lines"), "name")).containsExactly("Paver", "Gloves");
        assertThat(recent.at("/1/lines/0/quantity").asInt()).isEqualTo(12);
        assertThat(recent.at("/1/lines/0/product_id").asText()).isEqualTo(paver);
        assertThat(amount(recent.at("/1/lines/0/total"))).isEqualTo("240.00");
        assertThat(amount(recent.at("/1/lines/1/total"))).isEqualTo("10.00");
        assertThat(recent.at("/9/sold_at").asText()).isEqualTo(JAN.plusSeconds(86_400L * 4).toString());
    }

    @Test
    void refundsSectionListsTheNewestRefundsFirst() {
        String jan = record(aSale().paid().by(jane).soldAt(JAN).of(paver, 5));
        shop.ok("CreateRefund", sale(jan).put("amount", 10).put("reason", "broken"));
        shop.ok("CreateRefund", sale(jan).put("amount", 15).put("reason", "late"));

        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();

        assertThat(texts(profile.path("refunds"), "reason")).containsExactly("late", "broken");
        assertThat(amounts(profile.path("refunds"), "amount")).containsExactly("15.00", "10.00");
        assertThat(profile.at("/recent_sales/0/status").asText()).isEqualTo("partially_refunded");
        assertThat(amount(profile.at("/recent_sales/0/refunded"))).isEqualTo("25.00");
    }

    @Test
    void commerceSectionsCanBeLeftOut() {
        record(aSale().paid().by(jane).of(paver, 1));

        JsonNode lean = shop.ok("GetCustomer", customer(jane)
                .set("leave_out", list("lifetime_value", "products_purchased", "recent_sales", "refunds"))).body();

        assertThat(fieldNames(lean)).contains("customer", "metadata", "notes")
                .doesNotContain("lifetime_value", "products_purchased", "recent_sales", "refunds");
    }

    @Test
    void productsPurchasedOfAnotherTenantsCustomerAreNotFound() {
        Api.Tenant other = api.newTenant("Other Shop");

        Api.Response r = other.call("GetProductsPurchased", customer(jane));

        assertThat(r.status()).isEqualTo(404);
    }

    private String product(String name, String sku, String internalId, String price) {
        ProductBuilder p = ProductBuilder.aProduct().named(name).pricedAt(price);
        if (sku != null) p.withSku(sku);
        if (internalId != null) p.knownInternallyAs(internalId);
        return shop.ok("UpsertProduct", p.build()).text("product_id");
    }

    private String record(io.clientele.testing.SaleBuilder sale) {
        return shop.ok("CreateSale", sale.build()).text("sale_id");
    }

    private static JsonNode byName(JsonNode products, String name) {
        for (JsonNode p : products) if (p.path("name").asText().equals(name)) return p;
        throw new AssertionError("no product named " + name + " in " + products);
    }
}
