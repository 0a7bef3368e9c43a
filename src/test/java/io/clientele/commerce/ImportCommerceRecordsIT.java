package io.clientele.commerce;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ImportCommerceHistory for the kinds beside customers, sales and refunds: subscriptions (and trials), renewals,
 * shipments, chargebacks, PayPal disputes and fraud detections, each through its single-record operation.
 */
class ImportCommerceRecordsIT {
    private static final List<String> TABLES = List.of("customer", "sale", "subscription", "subscription_renewal", "shipping",
            "chargeback", "paypal_dispute", "fraud_detection");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Old Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String plan = product(shop, "30.00");

    @Test
    void everyKindIsCreatedReferringToEarlierRecordsOfTheBatchByExternalId() {
        Api.Response r = shop.ok("ImportCommerceHistory", records(history()));
        JsonNode answer = r.body();

        assertThat(answer.path("created").asInt()).isEqualTo(10);
        assertThat(texts(answer.path("records"), "kind")).containsExactly("customer", "sale", "subscription", "subscription",
                "subscription_renewal", "shipping", "chargeback", "paypal_dispute", "fraud_detection", "fraud_detection");
        String jane = answer.at("/records/0/id").asText();
        String sale = answer.at("/records/1/id").asText();
        String subscription = answer.at("/records/2/id").asText();
        JsonNode got = shop.ok("GetSubscription", Json.object().put("subscription_id", subscription)).body();
        assertThat(got.at("/subscription/customer_id").asText()).isEqualTo(jane);
        assertThat(got.at("/subscription/sale_id").asText()).isEqualTo(sale);
        assertThat(got.at("/renewals/0/subscription_renewal_id").asText()).isEqualTo(answer.at("/records/4/id").asText());
        JsonNode profile = shop.ok("GetCustomer", customer(jane)).body();
        assertThat(profile.at("/shipments/0/shipping_id").asText()).isEqualTo(answer.at("/records/5/id").asText());
        assertThat(profile.at("/shipments/0/status").asText()).isEqualTo("shipped");
        JsonNode ltv = profile.path("lifetime_value");
        assertThat(ltv.path("num_active_subscription").asInt()).isEqualTo(1);
        assertThat(ltv.path("num_trial_subscription").asInt()).isEqualTo(1);
        assertThat(ltv.path("num_success_renewal").asInt()).isEqualTo(1);
        assertThat(amount(ltv.path("renewal_gross"))).isEqualTo("25.00");
        assertThat(ltv.path("num_chargeback").asInt()).isEqualTo(1);
        assertThat(amount(ltv.path("chargeback_amount"))).isEqualTo("5.00");
        assertThat(ltv.path("num_paypal_dispute").asInt()).isEqualTo(1);
        assertThat(amount(ltv.path("paypal_dispute_amount"))).isEqualTo("12.50");
        assertThat(ltv.path("num_fraud_detection").asInt()).isEqualTo(2);
        assertThat(amount(ltv.path("net"))).isEqualTo("50.00"); // 30 sale + 25 renewal - 5 charged back
        assertThat(rows.eventsOfCall(r.apiCallId()).stream().map(TenantRows.EventRow::notation).toList()).containsExactly(
                "customer.created", "sale.created.success.paid", "subscription.created", "subscription.created",
                "trial.created", "subscription_renewal.created.success", "shipping.created", "shipping.updated.shipped",
                "chargeback.created", "paypal_dispute.created", "fraud_detection.created", "fraud_detection.created");
    }

    @Test
    void lifetimeValuesAfterImportingEveryKindAreWhatTheRebuildComputes() {
        shop.ok("ImportCommerceHistory", records(history()));

        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    @Test
    void sendingTheBatchAgainAnswersEveryRecordUnchangedAndWritesNothing() {
        JsonNode first = shop.ok("ImportCommerceHistory", records(history())).body();
        Map<String, Long> counts = counts();
        int events = rows.events().size();
        int audit = rows.auditRows().size();

        JsonNode again = shop.ok("ImportCommerceHistory", records(history())).body();

        assertThat(again.path("unchanged").asInt()).isEqualTo(10);
        assertThat(texts(again.path("records"), "id")).isEqualTo(texts(first.path("records"), "id"));
        assertThat(counts()).isEqualTo(counts);
        assertThat(rows.events()).hasSize(events);
        assertThat(rows.auditRows()).hasSize(audit);
    }

    @Test
    void aDifferentRecordOfAnyKindUnderAnImportedExternalIdIsAConflict() {
        shop.ok("ImportCommerceHistory", records(history()));
        Map<Integer, String[]> changes = Map.of(2, new String[]{"price", "29"}, 4, new String[]{"amount", "24"},
                5, new String[]{"carrier", "DHL"}, 6, new String[]{"reason", "other"}, 7, new String[]{"reason", "other"},
                8, new String[]{"source", "other"});
        int events = rows.events().size();

        changes.forEach((index, change) -> {
            ObjectNode[] changed = history();
            ObjectNode body = (ObjectNode) changed[index].elements().next();
            if (change[1].matches("[0-9]+")) body.put(change[0], Integer.parseInt(change[1])); else body.put(change[0], change[1]);
            String kind = changed[index].fieldNames().next();

            Api.Response r = shop.call("ImportCommerceHistory", records(changed));

            assertThat(r.status()).as(kind).isEqualTo(409);
            assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/" + index + "/" + kind + "/external_id");
        });
        assertThat(rows.events()).hasSize(events);
    }

    @Test
    void aLaterCallRefersToRecordsImportedByAnEarlierOneByTheirExternalIds() {
        ObjectNode[] all = history();
        shop.ok("ImportCommerceHistory", records(all[0], all[1], all[2], all[3]));

        JsonNode later = shop.ok("ImportCommerceHistory", records(all[4], all[5], all[6], all[7], all[8], all[9])).body();

        assertThat(later.path("created").asInt()).isEqualTo(6);
        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
        assertThat(shop.ok("ImportCommerceHistory", records(history())).body().path("unchanged").asInt()).isEqualTo(10);
    }

    @Test
    void recordsMayNameEarlierRecordsByOurIds() {
        String bob = shop.createCustomer(aCustomer().named("Bob", "Roe").withEmail("bob@old.example"));
        String sale = shop.ok("CreateSale", aSale().paid().by(bob).of(plan, 1).build()).text("sale_id");

        JsonNode answer = shop.ok("ImportCommerceHistory", records(
                Json.object().set("subscription", Json.object().put("external_id", "s-9").put("customer_id", bob)
                        .put("sale_id", sale).put("product_id", plan).put("interval_unit", "month")),
                Json.object().set("shipping", Json.object().put("external_id", "sh-9").put("sale_id", sale)),
                Json.object().set("fraud_detection", Json.object().put("external_id", "fd-9").put("sale_id", sale)))).body();

        assertThat(texts(answer.path("records"), "outcome")).containsOnly("created");
        assertThat(shop.ok("GetCustomer", customer(bob)).body().at("/lifetime_value/num_fraud_detection").asInt()).isEqualTo(1);
    }

    @Test
    void referencesToRecordsNeverImportedAreAllReportedAndNothingIsWritten() {
        ObjectNode[] all = history();
        ((ObjectNode) all[4].path("subscription_renewal")).put("subscription_external_id", "s-404");
        ((ObjectNode) all[6].path("chargeback")).put("sale_external_id", "o-404");
        ((ObjectNode) all[9].path("fraud_detection")).put("customer_external_id", "c-404");

        Api.Response r = shop.call("ImportCommerceHistory", records(all));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/4/subscription_renewal/subscription_external_id");
        assertThat(r.body().at("/error/message").asText()).contains("never imported");
        assertThat(counts().values()).containsOnly(0L);
        assertThat(rows.events()).isEmpty();
        Api.Response chargeback = shop.call("ImportCommerceHistory", records(all[0], all[1], all[6]));
        assertThat(chargeback.body().at("/error/details/0/path").asText()).isEqualTo("/records/2/chargeback/sale_external_id");
        Api.Response fraud = shop.call("ImportCommerceHistory", records(all[0], all[9]));
        assertThat(fraud.body().at("/error/details/0/path").asText()).isEqualTo("/records/1/fraud_detection/customer_external_id");
    }

    @Test
    void aRecordTheServiceRefusesRejectsTheWholeBatchPointingAtTheRecord() {
        ObjectNode[] all = history();
        ((ObjectNode) all[6].path("chargeback")).put("amount", 31); // more than the sale's 30.00

        Api.Response r = shop.call("ImportCommerceHistory", records(all));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/6/chargeback/amount");
        assertThat(counts().values()).containsOnly(0L);
        assertThat(rows.events()).isEmpty();
        assertThat(rows.count("imported_record")).isZero();
    }

    @Test
    void aProblemWithAReferenceByExternalIdPointsAtThatField() {
        ObjectNode pending = aSale().declined().of(plan, 1).withExternalId("o-2").build().put("customer_external_id", "c-1");
        ObjectNode shipping = Json.object().put("external_id", "sh-2").put("sale_external_id", "o-2");

        Api.Response r = shop.call("ImportCommerceHistory", records(history()[0], Json.object().set("sale", pending),
                Json.object().set("shipping", shipping)));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/records/2/shipping/sale_external_id");
    }

    @Test
    void fieldsAreCheckedAsTheSingleRecordOperationChecksThem() {
        ObjectNode[] all = history();
        ((ObjectNode) all[2].path("subscription")).put("price", "thirty");
        ((ObjectNode) all[3].path("subscription")).remove("trial_ends_at");
        ((ObjectNode) all[5].path("shipping")).put("sale_id", "NoSuchSale0000000000");

        Api.Response schema = shop.call("ImportCommerceHistory", records(all));
        ObjectNode noTrialEnd = history()[3];
        ((ObjectNode) noTrialEnd.path("subscription")).remove("trial_ends_at");
        Api.Response trial = shop.call("ImportCommerceHistory", records(history()[0], noTrialEnd));
        Api.Response neither = shop.call("ImportCommerceHistory", records(Json.object().set("shipping",
                Json.object().put("external_id", "sh-3"))));

        assertThat(schema.status()).isEqualTo(400);
        assertThat(texts(schema.body().at("/error/details"), "path")).contains("/records/2/subscription/price");
        assertThat(trial.status()).isEqualTo(400);
        assertThat(trial.body().at("/error/details/0/path").asText()).isEqualTo("/records/1/subscription/trial_ends_at");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().at("/error/details/0/path").asText()).isEqualTo("/records/0/shipping/sale_external_id");
        assertThat(shop.call("ImportCommerceHistory", records(all[0], all[1], all[5])).body().at("/error/details/0/path")
                .asText()).isEqualTo("/records/2/shipping/sale_external_id"); // both sale_id and sale_external_id
    }

    /**
     * Jane, her paid sale of 30.00, a monthly subscription started by it and a trial, a 25.00 renewal, the sale's
     * shipment, a 5.00 chargeback, a 12.50 PayPal dispute, and fraud detections on the sale and on Jane.
     */
    private ObjectNode[] history() {
        return new ObjectNode[]{
                Json.object().set("customer", aCustomer().named("Jane", "Doe").withEmail("jane@old.example").build()
                        .put("external_id", "c-1")),
                Json.object().set("sale", aSale().paid().soldAt(java.time.Instant.parse("2024-01-10T09:00:00Z")).of(plan, 1)
                        .withExternalId("o-1").build().put("customer_external_id", "c-1")),
                Json.object().set("subscription", Json.object().put("external_id", "s-1").put("customer_external_id", "c-1")
                        .put("sale_external_id", "o-1").put("product_id", plan).put("interval_unit", "month").put("price", 25)
                        .put("started_at", "2024-01-10T09:00:00Z").put("next_renewal_at", "2024-03-10T09:00:00Z")),
                Json.object().set("subscription", Json.object().put("external_id", "s-2").put("customer_external_id", "c-1")
                        .put("product_id", plan).put("interval_unit", "month").put("status", "trial")
                        .put("started_at", "2024-02-01T09:00:00Z").put("trial_ends_at", "2024-02-15T09:00:00Z")),
                Json.object().set("subscription_renewal", Json.object().put("external_id", "rn-1")
                        .put("subscription_external_id", "s-1").put("status", "success").put("renewed_at", "2024-02-10T09:00:00Z")),
                Json.object().set("shipping", Json.object().put("external_id", "sh-1").put("sale_external_id", "o-1")
                        .put("carrier", "UPS").put("tracking_number", "1Z999").put("shipped_at", "2024-01-11T09:00:00Z")),
                Json.object().set("chargeback", Json.object().put("external_id", "cb-1").put("sale_external_id", "o-1")
                        .put("amount", 5).put("reason", "fraudulent")),
                Json.object().set("paypal_dispute", Json.object().put("external_id", "pd-1").put("sale_external_id", "o-1")
                        .put("amount", 12.5).put("reason", "not received")),
                Json.object().set("fraud_detection", Json.object().put("external_id", "fd-1").put("sale_external_id", "o-1")
                        .put("source", "riskcheck").put("score", 80)),
                Json.object().set("fraud_detection", Json.object().put("external_id", "fd-2").put("customer_external_id", "c-1")
                        .put("reason", "three countries in a day"))};
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        TABLES.forEach(t -> counts.put(t, rows.count(t)));
        return counts;
    }

    private static ObjectNode records(ObjectNode... records) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("records");
        List.of(records).forEach(r -> array.add(r.deepCopy()));
        return body;
    }
}
