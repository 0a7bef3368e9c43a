package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class GetSubscriptionOperation implements Operation<GetSubscriptionOperation.Input> {
    record Input(String subscriptionId) {}

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("GetSubscription")
            .loggedAs("subscription", "get")
            .reads()
            .description("""
                    Read one subscription with its renewals, oldest renewed first. A subscription of a deleted customer
                    is not found, like the customer.""")
            .schemas(Input.class,
                    object("GetSubscription input.").required("subscription_id", id("The subscription's 20-character id.")).build(),
                    object("GetSubscription output.")
                            .required("subscription", SubscriptionSchemas.subscription())
                            .required("renewals", array(SubscriptionSchemas.renewal(), 100_000, "Its renewals, oldest renewed first."))
                            .build());

    public GetSubscriptionOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        return Outcome.of("Subscription found.", subscriptions.get(tx, in.subscriptionId()));
    }
}
