package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.LifetimeValues;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class RebuildLifetimeValuesOperation implements Operation<RebuildLifetimeValuesOperation.Input> {
    record Input(String customerId) {}

    record Rebuilt(String customerId, int rowsChanged) {}

    private final LifetimeValues lifetimeValues;
    private final OperationSpec<Input> spec = OperationSpec.named("RebuildLifetimeValues")
            .loggedAs("lifetime_value", "rebuild")
            .writes()
            .description("""
                    Recompute lifetime values from the sale and refund records, for every customer of the account or
                    for one (customer_id), and correct the stored figures that differ. Answers how many customers'
                    figures changed: normally 0, since every write keeps them current; each correction is audited
                    (item_type lifetime_value, the customer's id) with the old and new figures. Safe to run while sales
                    are being written.""")
            .schemas(Input.class,
                    object("RebuildLifetimeValues input.")
                            .property("customer_id", id("Only this customer; default every customer."))
                            .build(),
                    object("RebuildLifetimeValues output.")
                            .required("customer_id", nullable(id("The customer rebuilt, or null for all.")))
                            .required("rows_changed", integer(0, Integer.MAX_VALUE, "How many customers' figures were corrected."))
                            .build());

    public RebuildLifetimeValuesOperation(LifetimeValues lifetimeValues) {
        this.lifetimeValues = lifetimeValues;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        int changed = lifetimeValues.rebuild(tx, input.customerId());
        return Outcome.of(changed == 0 ? "Lifetime values were already right; nothing changed."
                : changed + " customer(s)' lifetime values corrected.", new Rebuilt(input.customerId(), changed));
    }
}
