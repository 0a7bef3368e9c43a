package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.amounts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CreateChargeback, CreatePaypalDispute and CreateFraudDetection: what each accepts and refuses, its event,
 * audit and timeline entry, how GetSale lists it, and the lifetime value figures it moves.
 */
class DisputesIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "20.00");
    /** 2 pavers: 40.00, paid. */
    private final String saleId = shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 2).build()).text("sale_id");

    @Test
    void aChargebackIsListedOnTheSaleAnnouncedAuditedAndLowersNet() {
        Api.Response r = shop.ok("CreateChargeback", claim(saleId, "15.00").put("reason", "4837 no authorization"));

        String id = r.text("chargeback_id");
        assertThat(r.text("result")).isEqualTo("Chargeback of 15.00 recorded on sale " + saleId + ".");
        assertThat(r.body().at("/chargeback/customer_id").asText()).isEqualTo(jane);
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(e -> e.notation() + " " + e.itemType() + " " + e.itemId())
                .containsExactly("chargeback.created chargeback " + id);
        TenantRows.EventRow event = rows.eventsOfCall(r.apiCallId()).getFirst();
        assertThat(event.customerId()).isEqualTo(jane);
        assertThat(event.payload().path("sale_id").asText()).isEqualTo(saleId);
        assertThat(amount(event.payload().at("/chargeback/amount"))).isEqualTo("15.00");
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("chargeback create");
        assertThat(shop.ok("GetAuditLog", auditOf("chargeback", id)).body().path("entries").size()).isEqualTo(1);
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        assertThat(got.at("/chargebacks/0/chargeback_id").asText()).isEqualTo(id);
        assertThat(got.at("/chargebacks/0/reason").asText()).isEqualTo("4837 no authorization");
        assertThat(got.at("/sale/status").asText()).as("a chargeback is not a refund").isEqualTo("paid");
        assertThat(amount(got.at("/sale/refunded"))).isEqualTo("0.00");
        JsonNode value = lifetimeValue(jane);
        assertThat(value.path("num_chargeback").asInt()).isEqualTo(1);
        assertThat(amount(value.path("chargeback_amount"))).isEqualTo("15.00");
        assertThat(amount(value.path("gross"))).isEqualTo("40.00");
        assertThat(amount(value.path("net"))).isEqualTo("25.00");
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        JsonNode last = entries.get(entries.size() - 1);
        assertThat(last.path("kind").asText()).isEqualTo("chargeback_created");
        assertThat(last.path("summary").asText()).isEqualTo("Chargeback of 15.00 on sale " + saleId + ".");
    }

    @Test
    void aSalesChargebacksTogetherStayWithinItsTotal() {
        shop.ok("CreateChargeback", claim(saleId, "30.00"));

        Api.Response tooMuch = shop.call("CreateChargeback", claim(saleId, "10.01"));
        shop.ok("CreateChargeback", claim(saleId, "10.00"));
        Api.Response full = shop.call("CreateChargeback", claim(saleId, "0.01"));

        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().at("/error/details/0/path").asText()).isEqualTo("/amount");
        assertThat(tooMuch.body().at("/error/details/0/message").asText())
                .isEqualTo("must be at most 10.00, what is left of the sale's total (40.00) after its earlier chargebacks");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().at("/error/message").asText())
                .isEqualTo("Sale " + saleId + " is charged back in full already (40.00); GetSale lists its chargebacks.");
        assertThat(amounts(shop.ok("GetSale", sale(saleId)).body().path("chargebacks"), "amount")).containsExactly("30.00", "10.00");
        assertThat(amount(lifetimeValue(jane).path("net"))).isEqualTo("0.00");
    }

    @Test
    void withoutAnAmountAChargebackTakesWhatIsLeftAndADisputeTheWholeTotal() {
        shop.ok("CreateChargeback", claim(saleId, "15.00"));

        Api.Response rest = shop.ok("CreateChargeback", sale(saleId));
        Api.Response dispute = shop.ok("CreatePaypalDispute", sale(saleId));

        assertThat(amount(rest.body().at("/chargeback/amount"))).isEqualTo("25.00");
        assertThat(amount(dispute.body().at("/paypal_dispute/amount"))).isEqualTo("40.00");
        assertThat(shop.call("CreateChargeback", sale(saleId)).status()).isEqualTo(409);
    }

    @Test
    void aRefundedSaleCanStillBeChargedBackButAnUnpaidOneCannot() {
        shop.ok("CreateRefund", sale(saleId));
        String declined = shop.ok("CreateSale", aSale().declined().by(jane).of(paver, 1).build()).text("sale_id");

        Api.Response ofRefunded = shop.call("CreateChargeback", claim(saleId, "40.00"));
        Api.Response ofDeclined = shop.call("CreateChargeback", claim(declined, "1.00"));

        assertThat(ofRefunded.ok()).as("%s", ofRefunded).isTrue();
        assertThat(ofDeclined.status()).isEqualTo(409);
        assertThat(ofDeclined.body().at("/error/message").asText()).isEqualTo("Sale " + declined + " is pending_declined;"
                + " only a sale that was paid (paid, partially_refunded or refunded) can be charged back.");
        assertThat(amount(lifetimeValue(jane).path("net"))).as("40 − 40 refunded − 40 charged back").isEqualTo("-40.00");
    }

    @Test
    void chargebackAndDisputeAmountsArePositiveCents() {
        for (String operation : new String[] {"CreateChargeback", "CreatePaypalDispute"}) {
            for (String[] c : new String[][] {{"0", "must be more than 0"}, {"1.001", "must have at most 2 decimal places, e.g. 19.99"},
                    {"-1", "must be at least 0"}}) {
                Api.Response r = shop.call(operation, claim(saleId, c[0]));

                assertThat(r.status()).as(operation + " " + c[0]).isEqualTo(400);
                assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/amount");
                assertThat(r.body().at("/error/details/0/message").asText()).as(operation + " " + c[0]).isEqualTo(c[1]);
            }
            Api.Response unknown = shop.call(operation, claim(Ids.newId(), "1.00"));
            assertThat(unknown.status()).as(operation).isEqualTo(404);
            assertThat(unknown.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
        }
        assertThat(rows.count("chargeback") + rows.count("paypal_dispute")).isZero();
    }

    @Test
    void aPaypalDisputeIsCountedApartAndDoesNotLowerNet() {
        Api.Response r = shop.ok("CreatePaypalDispute", claim(saleId, "40.00").put("reason", "Item not received"));
        Api.Response second = shop.ok("CreatePaypalDispute", claim(saleId, "5.00"));
        Api.Response tooMuch = shop.call("CreatePaypalDispute", claim(saleId, "40.01"));

        String id = r.text("paypal_dispute_id");
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(e -> e.notation() + " " + e.itemType() + " " + e.itemId())
                .containsExactly("paypal_dispute.created paypal_dispute " + id);
        assertThat(rows.auditRowsOfCall(second.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("paypal_dispute create");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().at("/error/details/0/message").asText()).isEqualTo("must be at most 40.00, the sale's total");
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        assertThat(amounts(got.path("paypal_disputes"), "amount")).containsExactly("40.00", "5.00");
        assertThat(got.at("/paypal_disputes/0/reason").asText()).isEqualTo("Item not received");
        JsonNode value = lifetimeValue(jane);
        assertThat(value.path("num_paypal_dispute").asInt()).isEqualTo(2);
        assertThat(amount(value.path("paypal_dispute_amount"))).isEqualTo("45.00");
        assertThat(amount(value.path("net"))).isEqualTo("40.00");
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(entries.get(entries.size() - 1).path("summary").asText()).isEqualTo("PayPal dispute of 5.00 on sale " + saleId + ".");
    }

    @Test
    void aFraudDetectionOnASaleBelongsToTheSalesCustomer() {
        Api.Response r = shop.ok("CreateFraudDetection", sale(saleId).put("source", "riskified").put("score", 87)
                .put("reason", "Card used from three countries"));

        String id = r.text("fraud_detection_id");
        assertThat(r.body().at("/fraud_detection/customer_id").asText()).isEqualTo(jane);
        assertThat(r.body().at("/fraud_detection/score").asInt()).isEqualTo(87);
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(e -> e.notation() + " " + e.itemType() + " " + e.customerId())
                .containsExactly("fraud_detection.created fraud_detection " + jane);
        assertThat(shop.ok("GetAuditLog", auditOf("fraud_detection", id)).body().path("entries").size()).isEqualTo(1);
        assertThat(shop.ok("GetSale", sale(saleId)).body().at("/fraud_detections/0/fraud_detection_id").asText()).isEqualTo(id);
        assertThat(lifetimeValue(jane).path("num_fraud_detection").asInt()).isEqualTo(1);
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(entries.get(entries.size() - 1).path("summary").asText())
                .isEqualTo("Fraud detected on sale " + saleId + " (score 87): Card used from three countries");
    }

    @Test
    void aFraudDetectionOnACustomerWithoutSalesGivesItALifetimeValueThatTheRebuildKeeps() {
        String bob = shop.createCustomer();

        Api.Response r = shop.ok("CreateFraudDetection", customer(bob));

        assertThat(r.body().at("/fraud_detection/sale_id").isNull()).isTrue();
        assertThat(r.body().at("/fraud_detection/score").isNull()).isTrue();
        JsonNode value = lifetimeValue(bob);
        assertThat(value.path("num_fraud_detection").asInt()).isEqualTo(1);
        assertThat(value.path("num_sale").asInt()).isZero();
        Owner.committed(h -> h.createUpdate("DELETE FROM lifetime_value WHERE tenant_id = :t").bind("t", shop.tenantId()).execute());
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt())
                .as("jane's row and bob's, recreated").isEqualTo(2);
        assertThat(lifetimeValue(bob).path("num_fraud_detection").asInt()).isEqualTo(1);
    }

    @Test
    void aFraudDetectionNeedsACustomerOrASaleOfThatCustomerAndAScoreFrom0To100() {
        String bob = shop.createCustomer();

        Api.Response neither = shop.call("CreateFraudDetection", Json.object().put("reason", "?"));
        Api.Response notBobs = shop.call("CreateFraudDetection", sale(saleId).put("customer_id", bob));
        Api.Response score = shop.call("CreateFraudDetection", customer(bob).put("score", 101));
        Api.Response unknown = shop.call("CreateFraudDetection", customer(Ids.newId()));

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
        assertThat(notBobs.status()).isEqualTo(400);
        assertThat(notBobs.body().at("/error/details/0/message").asText()).isEqualTo("sale " + saleId + " is not of customer "
                + bob + "; leave customer_id out to record the detection on the sale's customer");
        assertThat(score.status()).isEqualTo(400);
        assertThat(score.body().at("/error/details/0/path").asText()).isEqualTo("/score");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/details/0/path").asText()).isEqualTo("/customer_id");
        assertThat(rows.count("fraud_detection")).isZero();
    }

    @Test
    void aDeletedCustomersSaleCannotBeChargedBackDisputedOrFlagged() {
        shop.ok("DeleteCustomer", customer(jane));

        for (String operation : new String[] {"CreateChargeback", "CreatePaypalDispute"}) {
            Api.Response r = shop.call(operation, claim(saleId, "1.00"));
            assertThat(r.status()).as(operation).isEqualTo(404);
        }
        assertThat(shop.call("CreateFraudDetection", sale(saleId)).status()).isEqualTo(404);
        assertThat(shop.call("CreateFraudDetection", customer(jane)).status()).isEqualTo(404);
    }

    @Test
    void theRebuildRecomputesTheNewFiguresFromTheRecords() {
        shop.ok("CreateChargeback", claim(saleId, "5.00"));
        shop.ok("CreatePaypalDispute", claim(saleId, "6.00"));
        shop.ok("CreateFraudDetection", sale(saleId));
        JsonNode right = lifetimeValue(jane);
        Owner.committed(h -> h.createUpdate("UPDATE lifetime_value SET num_chargeback = 9, chargeback_amount = 0,"
                        + " num_fraud_detection = 0, num_paypal_dispute = 0, paypal_dispute_amount = 1 WHERE tenant_id = :t")
                .bind("t", shop.tenantId()).execute());

        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isEqualTo(1);
        JsonNode fixed = lifetimeValue(jane);
        for (String figure : new String[] {"num_chargeback", "chargeback_amount", "net", "num_fraud_detection",
                "num_paypal_dispute", "paypal_dispute_amount"}) {
            assertThat(fixed.path(figure)).as(figure).isEqualTo(right.path(figure));
        }
    }

    @Test
    void concurrentChargebacksOfOneSaleNeverExceedItsTotalAndKeepLifetimeValueRight() throws Exception {
        List<java.util.concurrent.Callable<Api.Response>> work = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            work.add(() -> shop.call("CreateChargeback", claim(saleId, "7.00")));
            work.add(() -> shop.call("CreatePaypalDispute", claim(saleId, "1.00")));
            work.add(() -> shop.call("CreateRefund", claim(saleId, "1.00")));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            for (var answer : pool.invokeAll(work)) {
                assertThat(answer.get().status()).as("%s", answer.get()).isIn(200, 400, 409);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(amounts(shop.ok("GetSale", sale(saleId)).body().path("chargebacks"), "amount"))
                .as("five of 7.00 fit in 40.00").hasSize(5);
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
        assertThat(amount(lifetimeValue(jane).path("chargeback_amount"))).isEqualTo("35.00");
    }

    private static ObjectNode claim(String saleId, String amount) {
        return sale(saleId).put("amount", new BigDecimal(amount));
    }

    private JsonNode lifetimeValue(String customerId) {
        return shop.ok("GetLifetimeValue", customer(customerId)).body().path("lifetime_value");
    }
}
