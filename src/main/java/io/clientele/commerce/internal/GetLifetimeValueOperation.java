package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.LifetimeValue;
import io.clientele.commerce.LifetimeValues;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class GetLifetimeValueOperation implements Operation<GetLifetimeValueOperation.Input> {
    record Input(String customerId) {}

    record Figures(String customerId, LifetimeValue lifetimeValue) {}

    private final LifetimeValues lifetimeValues;
    private final OperationSpec<Input> spec = OperationSpec.named("GetLifetimeValue")
            .loggedAs("lifetime_value", "get")
            .reads()
            .description("""
                    A customer's lifetime value: sale counts by outcome (all, successful, pending declined, pending
                    abandoned, failed, void, upsell), gross, discounted, refunded, net (gross − refunded − chargebacks:
                    what customer groups call lifetime_value), remaining (pending sales), amount to salvage (declined
                    sales), total (gross + remaining), average successful sale and the last successful sale's date;
                    chargebacks (count and amount), fraud detections (count) and PayPal disputes (count and amount).
                    Kept current with every sale, refund, status change, chargeback, fraud detection and PayPal
                    dispute; all zero for a customer without any.""")
            .schemas(Input.class,
                    object("GetLifetimeValue input.").required("customer_id", id("The customer.")).build(),
                    object("GetLifetimeValue output.")
                            .required("customer_id", id("The customer."))
                            .required("lifetime_value", SaleSchemas.lifetimeValue())
                            .build());

    public GetLifetimeValueOperation(LifetimeValues lifetimeValues) {
        this.lifetimeValues = lifetimeValues;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        LifetimeValue value = lifetimeValues.of(tx, input.customerId());
        return Outcome.of("Lifetime value: net " + value.net().toPlainString() + " over " + value.numSuccessSale()
                + " successful sale(s).", new Figures(input.customerId(), value));
    }
}
