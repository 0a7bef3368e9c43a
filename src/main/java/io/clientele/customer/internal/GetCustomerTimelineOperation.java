package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.customer.Customers;
import io.clientele.event.EventRecord;
import io.clientele.event.Events;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The customer's activity timeline (seed 004): the customer's events in sequence, each with a kind a
 * person can scan (created, stage_changed, tags_changed, note_added, ...), a sentence, the actor and time.
 */
public final class GetCustomerTimelineOperation implements Operation<GetCustomerTimelineOperation.Input> {
    record Input(String customerId, Long afterSeq, Integer limit) {}

    record Entry(long seq, String event, String kind, String summary, String itemType, String itemId,
                 String actorKind, String actorId, Instant at, JsonNode details) {}

    record Timeline(String customerId, List<Entry> entries, Long nextAfterSeq) {}

    private final Customers customers;
    private final Events events;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomerTimeline")
            .loggedAs("customer", "timeline")
            .reads()
            .description("""
                    The customer's activity timeline, oldest first: created, field changes (stage_changed,
                    tags_changed, status_changed, updated), notes, metadata, deletion and restore, sales, their status
                    changes and refunds, with who did it and when. Each entry carries the event notation and its details. Page with after_seq = next_after_seq.""")
            .schemas(Input.class,
                    object("GetCustomerTimeline input.")
                            .required("customer_id", id("The customer."))
                            .property("after_seq", integer(0, Long.MAX_VALUE, "Return entries after this sequence number."))
                            .property("limit", integer(1, 500, "Page size, default 100."))
                            .build(),
                    object("GetCustomerTimeline output.")
                            .required("customer_id", id("The customer."))
                            .required("entries", array(object("A timeline entry.")
                                    .required("seq", integer(1, Long.MAX_VALUE, "The customer's event sequence number."))
                                    .required("event", string(100, "Event notation, e.g. customer.updated."))
                                    .required("kind", string(40, "created, stage_changed, tags_changed, status_changed, updated, note_added, metadata_set, metadata_removed, deleted, restored, sale_created, sale_updated, refund_created, group_added, group_removed, chargeback_created, paypal_dispute_created, fraud_detected, shipping_created, shipping_updated, subscription_created, subscription_updated, trial_started, trial_ended, renewal_created, renewal_updated or other."))
                                    .required("summary", string(2000, "What happened, in a sentence."))
                                    .required("item_type", string(40, "The item the event is about."))
                                    .required("item_id", id("Its id."))
                                    .required("actor_kind", string(40, "Who did it."))
                                    .required("actor_id", nullable(string(100, "Actor id.")))
                                    .required("at", timestamp("When."))
                                    .required("details", io.clientele.operation.Schemas.freeFormObject("The event payload."))
                                    .build(), 500, "Entries, oldest first."))
                            .required("next_after_seq", nullable(integer(0, Long.MAX_VALUE, "Pass as after_seq for the next page; null at the end.")))
                            .build());

    public GetCustomerTimelineOperation(Customers customers, Events events) {
        this.customers = customers;
        this.events = events;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        customers.get(tx, input.customerId());
        int limit = Objects.requireNonNullElse(input.limit(), 100);
        List<EventRecord> records = events.forCustomer(tx, input.customerId(),
                Objects.requireNonNullElse(input.afterSeq(), 0L), limit + 1);
        Long next = null;
        if (records.size() > limit) {
            records = records.subList(0, limit);
            next = records.get(limit - 1).customerSeq();
        }
        List<Entry> entries = new ArrayList<>(records.size());
        for (EventRecord e : records) {
            String[] kindAndSummary = describe(e);
            entries.add(new Entry(e.customerSeq(), e.notation(), kindAndSummary[0], kindAndSummary[1], e.itemType(),
                    e.itemId(), e.actorKind(), e.actorId(), e.createdAt(), e.payload()));
        }
        return Outcome.of(entries.size() + " timeline entr" + (entries.size() == 1 ? "y." : "ies."),
                new Timeline(input.customerId(), entries, next));
    }

    private static String[] describe(EventRecord e) {
        JsonNode p = e.payload();
        return switch (e.notation()) {
            case "customer.created" -> new String[] {"created", "Customer created."};
            case "customer.deleted" -> new String[] {"deleted", "Customer deleted."};
            case "customer.restored" -> new String[] {"restored", "Customer restored."};
            case "customer.updated" -> describeUpdate(p.path("changes"));
            case "note.created" -> new String[] {"note_added", "Note added on " + p.path("item_type").asText() + ": "
                    + abbreviate(p.path("note_text").asText())};
            case "metadata.inserted", "metadata.updated" -> new String[] {"metadata_set", "Metadata " + p.path("name").asText()
                    + " set to '" + p.path("value").asText() + "'" + (p.path("previous_value").isNull() ? "" : " (was '" + p.path("previous_value").asText() + "')") + "."};
            case "metadata.deleted" -> new String[] {"metadata_removed", "Metadata " + p.path("name").asText() + " removed."};
            case "sale.created.success.paid" -> new String[] {"sale_created", "Sale of " + amount(p.at("/sale/total")) + " paid."};
            case "sale.created.pending.declined" -> new String[] {"sale_created", "Sale of " + amount(p.at("/sale/total"))
                    + " declined; pending, may be salvaged."};
            case "sale.created.pending.abandoned" -> new String[] {"sale_created", "Sale of " + amount(p.at("/sale/total"))
                    + " abandoned; pending, may be salvaged."};
            case "sale.created.failed.declined" -> new String[] {"sale_created", "Sale of " + amount(p.at("/sale/total")) + " declined."};
            case "sale.updated.success.paid" -> new String[] {"sale_updated", "Sale of " + amount(p.at("/sale/total"))
                    + " paid (was " + p.path("previous_status").asText() + ")."};
            case "sale.updated.failed.declined" -> new String[] {"sale_updated", "Sale of " + amount(p.at("/sale/total"))
                    + " failed (was " + p.path("previous_status").asText() + ")."};
            case "sale.updated.void" -> new String[] {"sale_updated", "Sale of " + amount(p.at("/sale/total")) + " voided."};
            case "sale.updated.refunded.partial" -> new String[] {"sale_updated", "Sale partially refunded: "
                    + amount(p.at("/sale/refunded")) + " of " + amount(p.at("/sale/total")) + "."};
            case "sale.updated.refunded.full" -> new String[] {"sale_updated", "Sale refunded in full: " + amount(p.at("/sale/total")) + "."};
            case "customer.updated.customer_group.added" -> new String[] {"group_added", "Added to customer group "
                    + p.path("customer_group_name").asText() + "."};
            case "customer.updated.customer_group.removed" -> new String[] {"group_removed", "Removed from customer group "
                    + p.path("customer_group_name").asText() + "."};
            case "refund.created" -> new String[] {"refund_created", "Refund of " + amount(p.at("/refund/amount"))
                    + (p.has("subscription_renewal_id") ? " on subscription renewal " + p.path("subscription_renewal_id").asText()
                            : " on sale " + p.path("sale_id").asText())
                    + (p.at("/refund/reason").isTextual() ? ": " + abbreviate(p.at("/refund/reason").asText()) : ".")};
            case "chargeback.created" -> new String[] {"chargeback_created", "Chargeback of " + amount(p.at("/chargeback/amount"))
                    + " on sale " + p.path("sale_id").asText() + "."};
            case "paypal_dispute.created" -> new String[] {"paypal_dispute_created", "PayPal dispute of "
                    + amount(p.at("/paypal_dispute/amount")) + " on sale " + p.path("sale_id").asText() + "."};
            case "fraud_detection.created" -> new String[] {"fraud_detected", "Fraud detected"
                    + (p.at("/fraud_detection/sale_id").isTextual() ? " on sale " + p.at("/fraud_detection/sale_id").asText() : "")
                    + (p.at("/fraud_detection/score").isNumber() ? " (score " + p.at("/fraud_detection/score").asInt() + ")" : "")
                    + (p.at("/fraud_detection/reason").isTextual() ? ": " + abbreviate(p.at("/fraud_detection/reason").asText()) : ".")};
            case "shipping.created" -> new String[] {"shipping_created", "Shipment of sale " + p.at("/shipping/sale_id").asText()
                    + " recorded" + (p.at("/shipping/carrier").isTextual() ? " (" + p.at("/shipping/carrier").asText() + ")" : "") + "."};
            case "shipping.updated.shipped", "shipping.updated.delivered", "shipping.updated.returned" -> new String[] {
                    "shipping_updated", "Shipment of sale " + p.at("/shipping/sale_id").asText() + " "
                    + p.at("/shipping/status").asText() + "."};
            case "subscription.created" -> new String[] {"subscription_created", "Subscription of "
                    + amount(p.at("/subscription/price")) + " every " + every(p.path("subscription")) + " recorded as "
                    + p.at("/subscription/status").asText() + "."};
            case "trial.created" -> new String[] {"trial_started", "Trial started; it ends "
                    + p.at("/subscription/trial_ends_at").asText() + "."};
            case "trial.updated.expired.success" -> new String[] {"trial_ended", "Trial ended; billing succeeded, subscription active."};
            case "trial.updated.expired.failed" -> new String[] {"trial_ended", "Trial ended without a successful billing; subscription "
                    + p.at("/subscription/status").asText() + "."};
            case "subscription.updated.active", "subscription.updated.overdue", "subscription.updated.occurrence_limit",
                 "subscription.updated.suspended", "subscription.updated.cancelled" -> new String[] {"subscription_updated",
                    "Subscription " + p.at("/subscription/status").asText() + " (was " + p.path("previous_status").asText() + ")."};
            case "subscription_renewal.created.success", "subscription_renewal.created.failed",
                 "subscription_renewal.created.overdue" -> new String[] {"renewal_created", "Subscription renewal of "
                    + amount(p.at("/subscription_renewal/amount")) + " " + renewalOutcome(p.at("/subscription_renewal/status").asText()) + "."};
            case "subscription_renewal.updated.success", "subscription_renewal.updated.failed",
                 "subscription_renewal.updated.overdue" -> new String[] {"renewal_updated", "Subscription renewal of "
                    + amount(p.at("/subscription_renewal/amount")) + " " + renewalOutcome(p.at("/subscription_renewal/status").asText())
                    + " (was " + p.path("previous_status").asText() + ")."};
            default -> new String[] {"other", e.notation()};
        };
    }

    private static String[] describeUpdate(JsonNode changes) {
        List<String> fields = new ArrayList<>();
        changes.fieldNames().forEachRemaining(fields::add);
        if (fields.size() == 1 && fields.get(0).equals("lifecycle_stage")) {
            JsonNode c = changes.get("lifecycle_stage");
            return new String[] {"stage_changed", "Lifecycle stage changed from " + c.path("from").asText() + " to " + c.path("to").asText() + "."};
        }
        if (fields.size() == 1 && fields.get(0).equals("status")) {
            JsonNode c = changes.get("status");
            return new String[] {"status_changed", "Status changed from " + c.path("from").asText() + " to " + c.path("to").asText() + "."};
        }
        if (fields.size() == 1 && fields.get(0).equals("tags")) {
            return new String[] {"tags_changed", "Tags changed to " + abbreviate(changes.get("tags").path("to").toString()) + "."};
        }
        return new String[] {"updated", "Changed " + String.join(", ", fields) + "."};
    }

    private static String every(JsonNode subscription) {
        int count = subscription.path("interval_count").asInt();
        String unit = subscription.path("interval_unit").asText();
        return count == 1 ? unit : count + " " + unit + "s";
    }

    private static String renewalOutcome(String status) {
        return switch (status) {
            case "success" -> "paid";
            case "failed" -> "failed";
            default -> "overdue";
        };
    }

    private static String amount(JsonNode n) {
        return n.decimalValue().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 140 ? s : s.substring(0, 139) + "…";
    }
}
