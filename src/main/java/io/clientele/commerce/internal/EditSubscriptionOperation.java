package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.commerce.Subscription;
import io.clientele.commerce.SubscriptionStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.time.Instant;

public final class EditSubscriptionOperation implements Operation<EditSubscriptionOperation.Input> {
    record Input(String subscriptionId, SubscriptionStatus status, Instant nextRenewalAt) {}

    record Edited(String subscriptionId, SubscriptionStatus previousStatus, Subscription subscription) {}

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("EditSubscription")
            .loggedAs("subscription", "edit")
            .writes()
            .description("""
                    Move a subscription to a new status, set its next renewal, or both. Allowed moves: trial to active
                    (the trial's billing succeeded), overdue or cancelled (it did not); active to overdue,
                    occurrence_limit, suspended or cancelled; overdue to active, suspended or cancelled; suspended to
                    active or cancelled. occurrence_limit and cancelled are final. Any other move is a conflict that
                    names the allowed ones. Updates the customer's lifetime value (subscription counts by status).
                    Emits subscription.updated.<status>, preceded by trial.updated.expired.success or
                    trial.updated.expired.failed when a trial ends.""")
            .schemas(Input.class,
                    object("EditSubscription input.")
                            .required("subscription_id", id("The subscription."))
                            .property("status", enumOf("active, overdue, occurrence_limit, suspended or cancelled.",
                                    SubscriptionStatus.wires(SubscriptionStatus.EDIT_TARGETS)))
                            .property("next_renewal_at", timestamp("When it renews next (UTC)."))
                            .build(),
                    object("EditSubscription output.")
                            .required("subscription_id", id("The subscription."))
                            .required("previous_status", SubscriptionSchemas.status("Its status before."))
                            .required("subscription", SubscriptionSchemas.subscription())
                            .build());

    public EditSubscriptionOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Subscriptions.Transition t = subscriptions.edit(tx, in.subscriptionId(), in.status(), in.nextRenewalAt());
        return Outcome.of("Subscription is " + t.after().status().wire() + (t.before().status() == t.after().status() ? "."
                : " (was " + t.before().status().wire() + ")."), new Edited(in.subscriptionId(), t.before().status(), t.after()));
    }
}
