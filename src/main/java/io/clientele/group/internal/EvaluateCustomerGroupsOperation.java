package io.clientele.group.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class EvaluateCustomerGroupsOperation implements Operation<EvaluateCustomerGroupsOperation.Input> {
    record Input(String customerGroupId) {}

    record Evaluated(String customerGroupId, int addedCount, int removedCount) {}

    record Answer(List<Evaluated> groups) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("EvaluateCustomerGroups")
            .loggedAs("customer_group", "evaluate")
            .writes()
            .description("""
                    Bring rule-based group membership current now, instead of waiting for the hourly sweep: evaluates
                    every enabled specific_values and customer_group group in full (or one group, with the
                    customer_group groups that read it), in dependency order. Membership already follows every write
                    of customer data at once; what only time changes (days_since_created, days_last_sale,
                    days_last_renewal) is brought current by the sweep or by this call. Each change is stored and
                    emits customer.updated.customer_group.added/removed (how: qualifiers). Writes to the account's
                    customers wait while it runs. Answers what changed per group.""")
            .schemas(Input.class,
                    object("EvaluateCustomerGroups input.")
                            .property("customer_group_id", id("Evaluate only this enabled rule-based group (and the"
                                    + " groups that read it). Default: all of them."))
                            .build(),
                    object("EvaluateCustomerGroups output.")
                            .required("groups", array(object("One evaluated group.")
                                    .required("customer_group_id", id("The group."))
                                    .required("added_count", integer(0, Integer.MAX_VALUE, "Customers who joined."))
                                    .required("removed_count", integer(0, Integer.MAX_VALUE, "Customers who left."))
                                    .build(), 100_000, "Every evaluated group, in the order evaluated."))
                            .build());

    public EvaluateCustomerGroupsOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        List<Evaluated> evaluated = groups.evaluate(tx, in.customerGroupId()).stream()
                .map(d -> new Evaluated(d.customerGroupId(), d.added().size(), d.removed().size())).toList();
        int added = evaluated.stream().mapToInt(Evaluated::addedCount).sum();
        int removed = evaluated.stream().mapToInt(Evaluated::removedCount).sum();
        return Outcome.of(evaluated.size() + " group(s) evaluated: " + added + " membership(s) added, " + removed + " removed.",
                new Answer(evaluated));
    }
}
