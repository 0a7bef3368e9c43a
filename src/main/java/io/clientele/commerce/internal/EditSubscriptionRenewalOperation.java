package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.SubscriptionRenewal;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class EditSubscriptionRenewalOperation implements Operation<EditSubscriptionRenewalOperation.Input> {
    record Input(String subscriptionRenewalId, SubscriptionRenewalStatus status) {}

    record Edited(String subscriptionRenewalId, SubscriptionRenewalStatus previousStatus, SubscriptionRenewal subscriptionRenewal) {}

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("EditSubscriptionRenewal")
            .loggedAs("subscription_renewal", "edit")
            .writes()
            .description("""
                    Move a renewal to a new status: failed to success (salvaged) or overdue; overdue to success
                    (salvaged) or failed. A successful renewal is final (refund it with CreateRefund and
                    subscription_renewal_id). Any other move is a conflict that names the allowed ones. Updates the
                    customer's lifetime value. Emits subscription_renewal.updated.success, .failed or .overdue.""")
            .schemas(Input.class,
                    object("EditSubscriptionRenewal input.")
                            .required("subscription_renewal_id", id("The renewal."))
                            .required("status", SubscriptionSchemas.renewalStatus("success, failed or overdue."))
                            .build(),
                    object("EditSubscriptionRenewal output.")
                            .required("subscription_renewal_id", id("The renewal."))
                            .required("previous_status", SubscriptionSchemas.renewalStatus("Its status before."))
                            .required("subscription_renewal", SubscriptionSchemas.renewal())
                            .build());

    public EditSubscriptionRenewalOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Subscriptions.RenewalTransition t = subscriptions.editRenewal(tx, in.subscriptionRenewalId(), in.status());
        return Outcome.of("Renewal is now " + t.after().status().wire() + " (was " + t.before().status().wire() + ").",
                new Edited(in.subscriptionRenewalId(), t.before().status(), t.after()));
    }
}
