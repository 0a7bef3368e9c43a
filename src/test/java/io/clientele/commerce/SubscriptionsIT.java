package io.clientele.commerce;

import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.texts;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions, trials and renewals: creating them, every status move allowed and refused with its
 * events, refunds of renewals, notes on them, and the lifetime value figures they move.
 */
class SubscriptionsIT {
    private static final Instant JAN = Instant.parse("2025-01-15T09:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-15T09:00:00Z");

    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Coffee Club");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String beans = product(shop, "19.90");

    @Test
    void aSubscriptionTakesTheProductsPriceByDefaultIsAnnouncedAuditedListedAndCounted() {
        Api.Response r = shop.ok("CreateSubscription", monthly().put("occurrence_limit", 12)
                .put("next_renewal_at", "2025-02-15T09:00:00Z"));

        String id = r.text("subscription_id");
        JsonNode s = r.body().path("subscription");
        assertThat(r.text("result")).isEqualTo("Subscription recorded as active.");
        assertThat(s.path("status").asText()).isEqualTo("active");
        assertThat(amount(s.path("price"))).isEqualTo("19.90");
        assertThat(s.path("interval_count").asInt()).isEqualTo(1);
        assertThat(s.path("occurrence_limit").asInt()).isEqualTo(12);
        assertThat(s.path("trial_ends_at").isNull()).isTrue();
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(e -> e.notation() + " " + e.itemType() + " " + e.itemId())
                .containsExactly("subscription.created subscription " + id);
        assertThat(shop.ok("GetAuditLog", auditOf("subscription", id)).body().path("entries").size()).isEqualTo(1);
        JsonNode got = shop.ok("GetSubscription", subscription(id)).body();
        assertThat(got.at("/subscription/next_renewal_at").asText()).isEqualTo("2025-02-15T09:00:00Z");
        assertThat(got.path("renewals").size()).isZero();
        JsonNode list = shop.ok("GetSubscriptions", customer(jane)).body();
        assertThat(texts(list.path("subscriptions"), "subscription_id")).containsExactly(id);
        assertThat(shop.ok("GetSubscriptions", customer(jane).put("status", "trial")).body().path("subscriptions").size()).isZero();
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_active_subscription").asInt()).isEqualTo(1);
        assertThat(value.path("num_sale").asInt()).as("a subscription is not a sale").isZero();
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(entries.get(entries.size() - 1).path("summary").asText())
                .isEqualTo("Subscription of 19.90 every month recorded as active.");
    }

    @Test
    void aSubscriptionRefersToTheCustomersProductAndSaleAndHasAPriceAndInterval() {
        String bob = shop.createCustomer();
        String bobsSale = shop.ok("CreateSale", aSale().by(bob).of(beans, 1).build()).text("sale_id");
        String unpriced = product(shop, null);

        Api.Response noUnit = shop.call("CreateSubscription", customer(jane).put("product_id", beans));
        Api.Response notJanes = shop.call("CreateSubscription", monthly().put("sale_id", bobsSale));
        Api.Response ghost = shop.call("CreateSubscription", monthly().put("product_id", Ids.newId()));
        Api.Response noPrice = shop.call("CreateSubscription", monthly().put("product_id", unpriced));
        Api.Response trialWithoutEnd = shop.call("CreateSubscription", monthly().put("status", "trial"));
        Api.Response endWithoutTrial = shop.call("CreateSubscription", monthly().put("trial_ends_at", "2025-02-01T00:00:00Z"));
        Api.Response future = shop.call("CreateSubscription", monthly().put("started_at",
                Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));

        assertThat(noUnit.status()).isEqualTo(400);
        assertThat(noUnit.body().at("/error/details/0/path").asText()).isEqualTo("/interval_unit");
        assertThat(notJanes.status()).isEqualTo(400);
        assertThat(notJanes.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.body().at("/error/details/0/path").asText()).isEqualTo("/product_id");
        assertThat(noPrice.status()).isEqualTo(400);
        assertThat(noPrice.body().at("/error/details/0/path").asText()).isEqualTo("/price");
        assertThat(trialWithoutEnd.body().at("/error/details/0/path").asText()).isEqualTo("/trial_ends_at");
        assertThat(endWithoutTrial.body().at("/error/details/0/path").asText()).isEqualTo("/trial_ends_at");
        assertThat(future.body().at("/error/details/0/path").asText()).isEqualTo("/started_at");
        assertThat(rows.count("subscription")).isZero();
        assertThat(shop.ok("CreateSubscription", monthly().put("product_id", unpriced).put("price", 5)
                .put("interval_unit", "week").put("interval_count", 2)).body().at("/subscription/price").decimalValue())
                .isEqualByComparingTo("5.00");
    }

    @Test
    void aTrialThatEndsWithASuccessfulBillingBecomesActive() {
        Api.Response trial = shop.ok("CreateSubscription", aTrial());
        String id = trial.text("subscription_id");
        assertThat(rows.eventsOfCall(trial.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("subscription.created", "trial.created");
        assertThat(lifetimeValue().path("num_trial_subscription").asInt()).isEqualTo(1);

        Api.Response ended = shop.ok("EditSubscription", subscription(id).put("status", "active"));

        assertThat(ended.text("previous_status")).isEqualTo("trial");
        assertThat(ended.text("result")).isEqualTo("Subscription is active (was trial).");
        assertThat(rows.eventsOfCall(ended.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("trial.updated.expired.success", "subscription.updated.active");
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_trial_subscription").asInt()).isZero();
        assertThat(value.path("num_active_subscription").asInt()).isEqualTo(1);
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(texts(entries, "kind")).endsWith("subscription_created", "trial_started", "trial_ended", "subscription_updated");
    }

    @Test
    void aTrialThatEndsWithoutASuccessfulBillingIsOverdueOrCancelled() {
        String overdue = shop.ok("CreateSubscription", aTrial()).text("subscription_id");
        String cancelled = shop.ok("CreateSubscription", aTrial()).text("subscription_id");

        Api.Response r1 = shop.ok("EditSubscription", subscription(overdue).put("status", "overdue"));
        Api.Response r2 = shop.ok("EditSubscription", subscription(cancelled).put("status", "cancelled"));

        assertThat(rows.eventsOfCall(r1.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("trial.updated.expired.failed", "subscription.updated.overdue");
        assertThat(rows.eventsOfCall(r2.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("trial.updated.expired.failed", "subscription.updated.cancelled");
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_overdue_subscription").asInt()).isEqualTo(1);
        assertThat(value.path("num_cancelled_subscription").asInt()).isEqualTo(1);
        assertThat(value.path("num_trial_subscription").asInt()).isZero();
    }

    @Test
    void eachAllowedStatusMoveEmitsItsNotationAndOthersAreConflictsNamingTheAllowedMoves() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        String[][] moves = {{"overdue", "subscription.updated.overdue"}, {"suspended", "subscription.updated.suspended"},
                {"active", "subscription.updated.active"}, {"occurrence_limit", "subscription.updated.occurrence_limit"}};
        for (String[] move : moves) {
            Api.Response r = shop.ok("EditSubscription", subscription(id).put("status", move[0]));
            assertThat(rows.eventsOfCall(r.apiCallId())).extracting(TenantRows.EventRow::notation).containsExactly(move[1]);
        }
        String other = shop.ok("CreateSubscription", monthly().put("status", "suspended")).text("subscription_id");

        Api.Response ended = shop.call("EditSubscription", subscription(id).put("status", "active"));
        Api.Response suspended = shop.call("EditSubscription", subscription(other).put("status", "overdue"));
        Api.Response toTrial = shop.call("EditSubscription", subscription(other).put("status", "trial"));
        Api.Response nothing = shop.call("EditSubscription", subscription(other));

        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.body().at("/error/message").asText()).isEqualTo("Subscription " + id
                + " is occurrence_limit, so it cannot become active: its status can no longer change.");
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(suspended.body().at("/error/message").asText()).isEqualTo("Subscription " + other
                + " is suspended, so it cannot become overdue: it can move to active or cancelled only.");
        assertThat(toTrial.status()).as("a trial is only ever started").isEqualTo(400);
        assertThat(nothing.status()).isEqualTo(400);
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_occurrence_limit_subscription").asInt()).isEqualTo(1);
        assertThat(value.path("num_suspended_subscription").asInt()).isEqualTo(1);
        assertThat(value.path("num_active_subscription").asInt()).isZero();
    }

    @Test
    void theNextRenewalCanBeSetWithoutAStatusMoveAndEmitsNothing() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");

        Api.Response r = shop.ok("EditSubscription", subscription(id).put("next_renewal_at", "2025-03-15T09:00:00Z"));

        assertThat(r.body().at("/subscription/next_renewal_at").asText()).isEqualTo("2025-03-15T09:00:00Z");
        assertThat(rows.eventsOfCall(r.apiCallId())).isEmpty();
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("subscription update");
    }

    @Test
    void renewalsInEachStatusMoveTheirOwnFigures() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");

        Api.Response paid = shop.ok("CreateSubscriptionRenewal", renewal(id, "success").put("renewed_at", JAN.toString()));
        shop.ok("CreateSubscriptionRenewal", renewal(id, "success").put("amount", 10).put("renewed_at", FEB.toString()));
        Api.Response failed = shop.ok("CreateSubscriptionRenewal", renewal(id, "failed"));
        Api.Response overdue = shop.ok("CreateSubscriptionRenewal", renewal(id, "overdue").put("amount", 5));

        assertThat(amount(paid.body().at("/subscription_renewal/amount"))).as("the subscription's price").isEqualTo("19.90");
        assertThat(rows.eventsOfCall(paid.apiCallId())).extracting(e -> e.notation() + " " + e.itemType())
                .containsExactly("subscription_renewal.created.success subscription_renewal");
        assertThat(rows.eventsOfCall(failed.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("subscription_renewal.created.failed");
        assertThat(rows.eventsOfCall(overdue.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("subscription_renewal.created.overdue");
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_renewal").asInt()).isEqualTo(4);
        assertThat(value.path("num_success_renewal").asInt()).isEqualTo(2);
        assertThat(value.path("num_overdue_renewal").asInt()).isEqualTo(1);
        assertThat(amount(value.path("renewal_gross"))).isEqualTo("29.90");
        assertThat(amount(value.path("gross"))).isEqualTo("29.90");
        assertThat(amount(value.path("net"))).isEqualTo("29.90");
        assertThat(amount(value.path("amount_to_salvage"))).as("failed 19.90 + overdue 5.00").isEqualTo("24.90");
        assertThat(amount(value.path("remaining"))).as("pending sales only").isEqualTo("0.00");
        assertThat(value.path("last_renewal_at").asText()).isEqualTo(FEB.toString());
        assertThat(texts(shop.ok("GetSubscription", subscription(id)).body().path("renewals"), "status"))
                .as("oldest renewed first").startsWith("success", "success");
    }

    @Test
    void aFailedRenewalIsSalvagedOrFallsOverdueAndASuccessIsFinal() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        String failed = shop.ok("CreateSubscriptionRenewal", renewal(id, "failed").put("renewed_at", JAN.toString()))
                .text("subscription_renewal_id");

        Api.Response late = shop.ok("EditSubscriptionRenewal", renewalId(failed).put("status", "overdue"));
        assertThat(lifetimeValue().path("num_overdue_renewal").asInt()).isEqualTo(1);
        Api.Response salvaged = shop.ok("EditSubscriptionRenewal", renewalId(failed).put("status", "success"));
        Api.Response again = shop.call("EditSubscriptionRenewal", renewalId(failed).put("status", "failed"));

        assertThat(rows.eventsOfCall(late.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("subscription_renewal.updated.overdue");
        assertThat(rows.eventsOfCall(salvaged.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("subscription_renewal.updated.success");
        assertThat(salvaged.text("previous_status")).isEqualTo("overdue");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/message").asText()).isEqualTo("Subscription renewal " + failed + " is success,"
                + " so it cannot become failed: its status can no longer change (refunds are recorded with CreateRefund).");
        JsonNode value = lifetimeValue();
        assertThat(value.path("num_overdue_renewal").asInt()).isZero();
        assertThat(value.path("num_success_renewal").asInt()).isEqualTo(1);
        assertThat(amount(value.path("amount_to_salvage"))).isEqualTo("0.00");
        assertThat(amount(value.path("renewal_gross"))).isEqualTo("19.90");
        assertThat(value.path("last_renewal_at").asText()).isEqualTo(JAN.toString());
    }

    @Test
    void onlyActiveOverdueOrSuspendedSubscriptionsRenew() {
        String trial = shop.ok("CreateSubscription", aTrial()).text("subscription_id");
        String cancelled = shop.ok("CreateSubscription", monthly().put("status", "cancelled")).text("subscription_id");

        Api.Response inTrial = shop.call("CreateSubscriptionRenewal", renewal(trial, "success"));
        Api.Response ended = shop.call("CreateSubscriptionRenewal", renewal(cancelled, "success"));
        Api.Response ghost = shop.call("CreateSubscriptionRenewal", renewal(Ids.newId(), "success"));

        assertThat(inTrial.status()).isEqualTo(409);
        assertThat(inTrial.body().at("/error/message").asText()).endsWith("(end the trial first with EditSubscription).");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(ghost.body().at("/error/details/0/path").asText()).isEqualTo("/subscription_id");
        assertThat(rows.count("subscription_renewal")).isZero();
    }

    @Test
    void aSuccessfulRenewalIsRefundedInPartOrInFullWithCreateRefund() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        String paid = shop.ok("CreateSubscriptionRenewal", renewal(id, "success")).text("subscription_renewal_id");
        String failed = shop.ok("CreateSubscriptionRenewal", renewal(id, "failed")).text("subscription_renewal_id");

        Api.Response part = shop.ok("CreateRefund", renewalId(paid).put("amount", new BigDecimal("5.00")).put("reason", "Late"));
        Api.Response tooMuch = shop.call("CreateRefund", renewalId(paid).put("amount", new BigDecimal("14.91")));
        Api.Response rest = shop.ok("CreateRefund", renewalId(paid));
        Api.Response none = shop.call("CreateRefund", renewalId(paid));
        Api.Response ofFailed = shop.call("CreateRefund", renewalId(failed));
        Api.Response both = shop.call("CreateRefund", renewalId(paid).put("sale_id", Ids.newId()));
        Api.Response neither = shop.call("CreateRefund", Json.object().put("amount", 1));

        assertThat(part.text("subscription_renewal_id")).isEqualTo(paid);
        assertThat(part.body().path("sale_id").isNull()).isTrue();
        assertThat(amount(part.body().path("subscription_renewal_refunded"))).isEqualTo("5.00");
        assertThat(rows.eventsOfCall(part.apiCallId())).extracting(TenantRows.EventRow::notation).containsExactly("refund.created");
        assertThat(rows.auditRowsOfCall(part.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("refund create", "subscription_renewal update");
        assertThat(tooMuch.body().at("/error/details/0/message").asText())
                .isEqualTo("must be at most 14.90, what is left to refund of the subscription renewal");
        assertThat(amount(rest.body().at("/refund/amount"))).isEqualTo("14.90");
        assertThat(none.status()).isEqualTo(409);
        assertThat(ofFailed.status()).isEqualTo(409);
        assertThat(ofFailed.body().at("/error/message").asText()).endsWith("only successful renewals can be refunded.");
        assertThat(both.status()).isEqualTo(400);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
        JsonNode renewal = shop.ok("GetSubscription", subscription(id)).body().at("/renewals/0");
        assertThat(renewal.path("status").asText()).isEqualTo("success");
        assertThat(amount(renewal.path("refunded"))).isEqualTo("19.90");
        JsonNode value = lifetimeValue();
        assertThat(amount(value.path("refunded"))).isEqualTo("19.90");
        assertThat(amount(value.path("gross"))).isEqualTo("19.90");
        assertThat(amount(value.path("net"))).isEqualTo("0.00");
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(entries.get(entries.size() - 1).path("summary").asText())
                .isEqualTo("Refund of 14.90 on subscription renewal " + paid + ".");
    }

    @Test
    void notesAndMetadataAttachToSubscriptionsAndRenewalsAndShowInTheCustomersHistory() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        String renewal = shop.ok("CreateSubscriptionRenewal", renewal(id, "success")).text("subscription_renewal_id");

        shop.ok("CreateNote", Json.object().put("item_type", "subscription").put("item_id", id).put("text", "Wants decaf."));
        shop.ok("InsertMetadata", Json.object().put("item_type", "subscription_renewal").put("item_id", renewal)
                .set("metadata", Json.MAPPER.createArrayNode().add(Json.object().put("name", "batch").put("value", "B7"))));

        JsonNode notes = shop.ok("GetNotes", Json.object().put("item_type", "customer").put("item_id", jane)).body().path("notes");
        assertThat(texts(notes, "text")).containsExactly("Wants decaf.");
        assertThat(notes.at("/0/item_type").asText()).isEqualTo("subscription");
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(texts(entries, "event")).endsWith("subscription_renewal.created.success", "note.created", "metadata.inserted");
        assertThat(entries.get(entries.size() - 1).path("item_type").asText()).isEqualTo("subscription_renewal");
        assertThat(shop.call("CreateNote", Json.object().put("item_type", "subscription").put("item_id", Ids.newId())
                .put("text", "?")).status()).isEqualTo(404);
    }

    @Test
    void aDeletedCustomersSubscriptionsAreHiddenLikeTheCustomer() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        shop.ok("DeleteCustomer", customer(jane));

        assertThat(shop.call("GetSubscription", subscription(id)).status()).isEqualTo(404);
        assertThat(shop.call("EditSubscription", subscription(id).put("status", "cancelled")).status()).isEqualTo(404);
        assertThat(shop.call("CreateSubscriptionRenewal", renewal(id, "success")).status()).isEqualTo(404);
        assertThat(shop.call("GetSubscriptions", customer(jane)).status()).isEqualTo(404);
        assertThat(shop.call("CreateSubscription", monthly()).status()).isEqualTo(404);
    }

    @Test
    void theRebuildRecomputesSubscriptionAndRenewalFigures() {
        String id = shop.ok("CreateSubscription", monthly()).text("subscription_id");
        shop.ok("CreateSubscription", aTrial());
        String paid = shop.ok("CreateSubscriptionRenewal", renewal(id, "success").put("renewed_at", JAN.toString()))
                .text("subscription_renewal_id");
        shop.ok("CreateSubscriptionRenewal", renewal(id, "overdue"));
        shop.ok("CreateRefund", renewalId(paid).put("amount", 2));
        JsonNode right = lifetimeValue();
        Owner.committed(h -> h.createUpdate("DELETE FROM lifetime_value WHERE tenant_id = :t").bind("t", shop.tenantId()).execute());

        assertThat(shop.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isEqualTo(1);
        ObjectNode fixed = lifetimeValue().deepCopy();
        ObjectNode expected = right.deepCopy();
        fixed.remove("updated_at");
        expected.remove("updated_at");
        assertThat(fixed).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ fixtures

    private ObjectNode monthly() {
        return customer(jane).put("product_id", beans).put("interval_unit", "month");
    }

    private ObjectNode aTrial() {
        return monthly().put("status", "trial").put("trial_ends_at", "2030-01-01T00:00:00Z");
    }

    private static ObjectNode subscription(String id) {
        return Json.object().put("subscription_id", id);
    }

    private static ObjectNode renewal(String subscriptionId, String status) {
        return subscription(subscriptionId).put("status", status);
    }

    private static ObjectNode renewalId(String id) {
        return Json.object().put("subscription_renewal_id", id);
    }

    private JsonNode lifetimeValue() {
        return shop.ok("GetLifetimeValue", customer(jane)).body().path("lifetime_value");
    }
}
