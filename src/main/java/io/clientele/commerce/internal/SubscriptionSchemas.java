package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.IntervalUnit;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.SubscriptionStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Schemas;
import java.util.List;

/** Schema pieces the subscription operations share, so a field has one definition and one limit. */
final class SubscriptionSchemas {
    private SubscriptionSchemas() {}

    static ObjectNode status(String description) {
        return enumOf(description, SubscriptionStatus.wires(List.of(SubscriptionStatus.values())));
    }

    static ObjectNode renewalStatus(String description) {
        return enumOf(description, SubscriptionRenewalStatus.wires(List.of(SubscriptionRenewalStatus.values())));
    }

    static ObjectNode intervalUnit(String description) {
        return enumOf(description, IntervalUnit.wires());
    }

    static ObjectNode subscription() {
        return subscriptionFields("A subscription. A trial is a subscription in status trial.").build();
    }

    /** A subscription with its newest renewals, as GetCustomer's subscriptions section lists it. */
    static ObjectNode withRenewals(int renewals) {
        return subscriptionFields("A subscription (a trial is one in status trial) and its newest renewals.")
                .required("renewals", array(renewal(), renewals,
                        "Its " + renewals + " newest renewals, newest renewed first; GetSubscription lists them all."))
                .build();
    }

    private static Schemas.ObjectBuilder subscriptionFields(String description) {
        return object(description)
                .required("subscription_id", id("Its id."))
                .required("customer_id", id("Its customer."))
                .required("product_id", id("The product subscribed to."))
                .required("sale_id", nullable(id("The sale that started it, if any.")))
                .required("status", status("active, trial, overdue, occurrence_limit, suspended or cancelled."))
                .required("price", SaleSchemas.amount("What each renewal bills by default."))
                .required("interval_unit", intervalUnit("day, week, month or year."))
                .required("interval_count", integer(1, Subscriptions.MAX_INTERVAL_COUNT, "It renews every interval_count interval_units."))
                .required("occurrence_limit", nullable(integer(1, Subscriptions.MAX_OCCURRENCE_LIMIT, "How many times it renews at most.")))
                .required("next_renewal_at", nullable(timestamp("When it renews next (UTC).")))
                .required("trial_ends_at", nullable(timestamp("When its trial ends, for one that started as a trial.")))
                .required("started_at", timestamp("When it started (UTC)."))
                .required("created_at", timestamp("When it was recorded."))
                .required("updated_at", timestamp("When it last changed."));
    }

    static ObjectNode renewal() {
        return object("A subscription renewal: one billing of a subscription.")
                .required("subscription_renewal_id", id("Its id."))
                .required("subscription_id", id("Its subscription."))
                .required("customer_id", id("Its customer."))
                .required("status", renewalStatus("success, failed or overdue."))
                .required("amount", SaleSchemas.amount("The amount billed."))
                .required("refunded", SaleSchemas.amount("Σ refunds of this renewal."))
                .required("renewed_at", timestamp("When it was billed (UTC)."))
                .required("created_at", timestamp("When it was recorded."))
                .required("updated_at", timestamp("When it last changed."))
                .build();
    }
}
