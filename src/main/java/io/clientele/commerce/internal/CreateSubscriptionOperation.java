package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.commerce.IntervalUnit;
import io.clientele.commerce.NewSubscription;
import io.clientele.commerce.Subscription;
import io.clientele.commerce.SubscriptionStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.time.Instant;

public final class CreateSubscriptionOperation implements Operation<CreateSubscriptionOperation.Input> {
    record Input(String customerId, String productId, String saleId, SubscriptionStatus status, BigDecimal price,
                 IntervalUnit intervalUnit, Integer intervalCount, Integer occurrenceLimit, Instant nextRenewalAt,
                 Instant trialEndsAt, Instant startedAt) {}

    record Created(String subscriptionId, Subscription subscription) {}

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateSubscription")
            .loggedAs("subscription", "create")
            .writes()
            .description("""
                    Record a customer's subscription to a product, billed price (default: the product's price) every
                    interval_count (default 1) interval_units, at most occurrence_limit times when set. status defaults
                    to active; a trial is a subscription created in status trial, with trial_ends_at. Other statuses
                    may be sent when importing history. sale_id is the customer's sale that started it, if any.
                    Updates the customer's lifetime value (subscription counts by status). Emits
                    subscription.created, and trial.created for a trial.""")
            .schemas(Input.class,
                    object("CreateSubscription input.")
                            .required("customer_id", id("The subscribing customer."))
                            .required("product_id", id("The product subscribed to (from the catalogue)."))
                            .required("interval_unit", SubscriptionSchemas.intervalUnit("day, week, month or year."))
                            .property("interval_count", integer(1, Subscriptions.MAX_INTERVAL_COUNT, "Renews every this many units; default 1."))
                            .property("status", SubscriptionSchemas.status("Default active; trial starts a trial (send trial_ends_at)."))
                            .property("price", Schemas.money("What each renewal bills; default: the product's price."))
                            .property("occurrence_limit", integer(1, Subscriptions.MAX_OCCURRENCE_LIMIT, "How many times it renews at most."))
                            .property("next_renewal_at", timestamp("When it renews next (UTC)."))
                            .property("trial_ends_at", timestamp("When the trial ends; required with status trial, refused otherwise."))
                            .property("started_at", timestamp("When it started (UTC); default now."))
                            .property("sale_id", id("The customer's sale that started it."))
                            .build(),
                    object("CreateSubscription output.")
                            .required("subscription_id", id("The subscription."))
                            .required("subscription", SubscriptionSchemas.subscription())
                            .build());

    public CreateSubscriptionOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Subscription s = subscriptions.create(tx, new NewSubscription(in.customerId(), in.productId(), in.saleId(), in.status(),
                in.price(), in.intervalUnit(), in.intervalCount(), in.occurrenceLimit(), in.nextRenewalAt(), in.trialEndsAt(),
                in.startedAt()));
        return Outcome.of("Subscription recorded as " + s.status().wire() + ".", new Created(s.subscriptionId(), s));
    }
}
