package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.amounts;
import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GetCustomer's 360 sections beyond purchases (issue 4): subscriptions with their newest renewals, shipments,
 * chargebacks, PayPal disputes and fraud detections; each bounded, newest first, empty when there are none,
 * left out on request, and another tenant's customer not found.
 */
class CustomerProfileCommerceIT {
    private static final Instant JAN = Instant.parse("2025-01-15T09:00:00Z");
    private static final List<String> SECTIONS = List.of("subscriptions", "shipments", "chargebacks", "paypal_disputes",
            "fraud_detections");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Coffee Club");
    private final String jane = shop.createCustomer();
    private final String beans = product(shop, "19.90");

    @Test
    void aCustomerWithoutAnyHasEmptySections() {
        shop.ok("CreateSale", aSale().paid().by(jane).of(beans, 1).build());

        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();

        assertThat(fieldNames(profile)).containsAll(SECTIONS);
        for (String section : SECTIONS) assertThat(profile.path(section)).as(section).isEmpty();
    }

    @Test
    void subscriptionsAreTheTenNewestEachWithItsThreeNewestRenewals() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            ids.add(shop.ok("CreateSubscription", monthly().put("price", 10 + i)).text("subscription_id"));
        }
        String trial = shop.ok("CreateSubscription", monthly().put("status", "trial")
                .put("trial_ends_at", "2025-02-01T00:00:00Z").put("interval_unit", "year")).text("subscription_id");
        String renewing = ids.get(10);
        List<String> renewals = new ArrayList<>();
        for (int month = 1; month <= 4; month++) {
            renewals.add(shop.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", renewing)
                    .put("status", month == 3 ? "failed" : "success")
                    .put("renewed_at", JAN.plusSeconds(86_400L * 30 * month).toString())).text("subscription_renewal_id"));
        }

        JsonNode subscriptions = shop.ok("GetCustomer", customer(jane)).body().path("subscriptions");

        assertThat(texts(subscriptions, "subscription_id")).containsExactly(trial, ids.get(10), ids.get(9), ids.get(8),
                ids.get(7), ids.get(6), ids.get(5), ids.get(4), ids.get(3), ids.get(2));
        JsonNode t = subscriptions.get(0);
        assertThat(t.path("status").asText()).isEqualTo("trial");
        assertThat(t.path("trial_ends_at").asText()).isEqualTo("2025-02-01T00:00:00Z");
        assertThat(t.path("interval_unit").asText()).isEqualTo("year");
        assertThat(t.path("product_id").asText()).isEqualTo(beans);
        assertThat(t.path("renewals")).isEmpty();
        JsonNode s = subscriptions.get(1);
        assertThat(s.path("status").asText()).isEqualTo("active");
        assertThat(amount(s.path("price"))).isEqualTo("20.00");
        assertThat(s.path("interval_unit").asText()).isEqualTo("month");
        assertThat(s.path("interval_count").asInt()).isEqualTo(1);
        assertThat(s.path("next_renewal_at").isNull()).isFalse();
        assertThat(texts(s.path("renewals"), "subscription_renewal_id"))
                .containsExactly(renewals.get(3), renewals.get(2), renewals.get(1));
        assertThat(texts(s.path("renewals"), "status")).containsExactly("success", "failed", "success");
        assertThat(amounts(s.path("renewals"), "amount")).containsExactly("20.00", "20.00", "20.00");
        assertThat(s.at("/renewals/0/renewed_at").asText()).isEqualTo(JAN.plusSeconds(86_400L * 120).toString());
        assertThat(s.at("/renewals/0/subscription_id").asText()).isEqualTo(renewing);
        assertThat(s.at("/renewals/0/customer_id").asText()).isEqualTo(jane);
        assertThat(amount(s.at("/renewals/0/refunded"))).isEqualTo("0.00");
        JsonNode whole = shop.ok("GetSubscription", Json.object().put("subscription_id", renewing)).body();
        assertThat(s.path("renewals").get(0)).isEqualTo(whole.path("renewals").get(3));
    }

    @Test
    void shipmentsAreTheTenNewestWithSaleStatusCarrierAndTracking() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String saleId = paidSale();
            ObjectNode request = sale(saleId).put("carrier", "UPS").put("tracking_number", "1Z" + i);
            if (i == 10) request.put("shipped_at", "2025-03-01T10:00:00Z").put("tracking_url", "https://ups.example/1Z10");
            ids.add(shop.ok("CreateShipping", request).text("shipping_id"));
        }

        JsonNode shipments = shop.ok("GetCustomer", customer(jane)).body().path("shipments");

        assertThat(texts(shipments, "shipping_id")).containsExactlyElementsOf(ids.reversed().subList(0, 10));
        JsonNode newest = shipments.get(0);
        assertThat(newest.path("status").asText()).isEqualTo("shipped");
        assertThat(newest.path("carrier").asText()).isEqualTo("UPS");
        assertThat(newest.path("tracking_number").asText()).isEqualTo("1Z10");
        assertThat(newest.path("tracking_url").asText()).isEqualTo("https://ups.example/1Z10");
        assertThat(newest.path("shipped_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(shipments.at("/1/status").asText()).isEqualTo("created");
        assertThat(shipments.at("/1/sale_id").asText()).isNotEqualTo(newest.path("sale_id").asText());
        assertThat(shop.ok("GetSale", sale(newest.path("sale_id").asText())).body().at("/shipments/0/shipping_id").asText())
                .isEqualTo(newest.path("shipping_id").asText());
    }

    @Test
    void chargebacksPaypalDisputesAndFraudDetectionsAreTheTenNewestEach() {
        String saleId = shop.ok("CreateSale", aSale().paid().by(jane).of(beans, 10).build()).text("sale_id"); // 199.00
        List<String> chargebacks = new ArrayList<>();
        List<String> disputes = new ArrayList<>();
        List<String> frauds = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            chargebacks.add(shop.ok("CreateChargeback", sale(saleId).put("amount", i).put("reason", "code " + i)).text("chargeback_id"));
            disputes.add(shop.ok("CreatePaypalDispute", sale(saleId).put("amount", i).put("reason", "dispute " + i))
                    .text("paypal_dispute_id"));
            ObjectNode fraud = i % 2 == 0 ? sale(saleId) : customer(jane);
            frauds.add(shop.ok("CreateFraudDetection", fraud.put("source", "riskified").put("score", 50 + i))
                    .text("fraud_detection_id"));
        }

        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();

        assertThat(texts(profile.path("chargebacks"), "chargeback_id")).containsExactlyElementsOf(chargebacks.reversed().subList(0, 10));
        assertThat(amount(profile.at("/chargebacks/0/amount"))).isEqualTo("11.00");
        assertThat(profile.at("/chargebacks/0/reason").asText()).isEqualTo("code 11");
        assertThat(profile.at("/chargebacks/0/sale_id").asText()).isEqualTo(saleId);
        assertThat(texts(profile.path("paypal_disputes"), "paypal_dispute_id")).containsExactlyElementsOf(disputes.reversed().subList(0, 10));
        assertThat(profile.at("/paypal_disputes/9/reason").asText()).isEqualTo("dispute 2");
        assertThat(texts(profile.path("fraud_detections"), "fraud_detection_id")).containsExactlyElementsOf(frauds.reversed().subList(0, 10));
        assertThat(profile.at("/fraud_detections/0/score").asInt()).isEqualTo(61);
        assertThat(profile.at("/fraud_detections/0/sale_id").isNull()).as("on the customer").isTrue();
        assertThat(profile.at("/fraud_detections/1/sale_id").asText()).isEqualTo(saleId);
        assertThat(profile.at("/fraud_detections/1/source").asText()).isEqualTo("riskified");
    }

    @Test
    void theNewSectionsCanBeLeftOut() {
        String saleId = paidSale();
        shop.ok("CreateShipping", sale(saleId));
        shop.ok("CreateChargeback", sale(saleId).put("amount", 1));
        shop.ok("CreateSubscription", monthly());

        JsonNode lean = shop.ok("GetCustomer", customer(jane).set("leave_out", list(SECTIONS.toArray(String[]::new)))).body();
        JsonNode full = shop.ok("GetCustomer", customer(jane)).body();

        assertThat(fieldNames(lean)).contains("customer", "lifetime_value", "recent_sales").doesNotContainAnyElementsOf(SECTIONS);
        assertThat(full.path("shipments")).hasSize(1);
        assertThat(full.path("chargebacks")).hasSize(1);
        assertThat(full.path("subscriptions")).hasSize(1);
    }

    @Test
    void anotherTenantsCustomerIsNotFound() {
        shop.ok("CreateSubscription", monthly());
        Api.Tenant other = api.newTenant("Other Club");

        Api.Response r = other.call("GetCustomer", customer(jane));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().toString()).doesNotContain(beans);
    }

    private ObjectNode monthly() {
        return customer(jane).put("product_id", beans).put("interval_unit", "month").put("started_at", JAN.toString())
                .put("next_renewal_at", "2025-06-15T09:00:00Z");
    }

    private String paidSale() {
        return shop.ok("CreateSale", aSale().paid().by(jane).of(beans, 1).build()).text("sale_id");
    }
}
