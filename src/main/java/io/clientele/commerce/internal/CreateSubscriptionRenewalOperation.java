package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.commerce.SubscriptionRenewal;
import io.clientele.commerce.SubscriptionRenewalStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.time.Instant;

public final class CreateSubscriptionRenewalOperation implements Operation<CreateSubscriptionRenewalOperation.Input> {
    record Input(String subscriptionId, SubscriptionRenewalStatus status, BigDecimal amount, Instant renewedAt) {}

    record Created(String subscriptionRenewalId, SubscriptionRenewal subscriptionRenewal) {}

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateSubscriptionRenewal")
            .loggedAs("subscription_renewal", "create")
            .writes()
            .description("""
                    Record a renewal (one billing) of an active, overdue or suspended subscription: success, failed or
                    overdue. amount defaults to the subscription's price; renewed_at to now. The subscription's status
                    is not changed: move it with EditSubscription. Updates the customer's lifetime value (renewal
                    counts, renewal_gross and gross for a success, amount_to_salvage for a failed or overdue one, the
                    last renewal's date). Emits subscription_renewal.created.success, .failed or .overdue.""")
            .schemas(Input.class,
                    object("CreateSubscriptionRenewal input.")
                            .required("subscription_id", id("The subscription renewed."))
                            .required("status", SubscriptionSchemas.renewalStatus("success, failed or overdue."))
                            .property("amount", Schemas.money("The amount billed; default: the subscription's price."))
                            .property("renewed_at", timestamp("When it was billed (UTC); default now."))
                            .build(),
                    object("CreateSubscriptionRenewal output.")
                            .required("subscription_renewal_id", id("The renewal."))
                            .required("subscription_renewal", SubscriptionSchemas.renewal())
                            .build());

    public CreateSubscriptionRenewalOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        SubscriptionRenewal r = subscriptions.renew(tx, in.subscriptionId(), in.status(), in.amount(), in.renewedAt());
        return Outcome.of("Renewal of " + r.amount().toPlainString() + " recorded as " + r.status().wire() + ".",
                new Created(r.subscriptionRenewalId(), r));
    }
}
