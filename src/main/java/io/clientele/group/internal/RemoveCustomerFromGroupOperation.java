package io.clientele.group.internal;

import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class RemoveCustomerFromGroupOperation implements Operation<RemoveCustomerFromGroupOperation.Input> {
    record Input(String customerGroupId, String customerId) {}

    record Removed(String customerGroupId, String customerId, boolean removed) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("RemoveCustomerFromGroup")
            .loggedAs("customer_group", "remove_customer")
            .writes()
            .description("""
                    Remove a customer from a manual customer group (qualifier_method none). Rule-based groups are
                    refused with a conflict: their qualifiers decide membership. When the customer leaves, emits
                    customer.updated.customer_group.removed with the group's id and name; when the customer was not a
                    member nothing changes, nothing is emitted, and removed is false.""")
            .schemas(Input.class,
                    object("RemoveCustomerFromGroup input.")
                            .required("customer_group_id", id("The manual group."))
                            .required("customer_id", id("The customer to remove."))
                            .build(),
                    object("RemoveCustomerFromGroup output.")
                            .required("customer_group_id", id("The group's id."))
                            .required("customer_id", id("The customer's id."))
                            .required("removed", bool("true when the customer left; false when not a member."))
                            .build());

    public RemoveCustomerFromGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        boolean removed = groups.removeMember(tx, in.customerGroupId(), in.customerId());
        return Outcome.of(removed ? "Customer removed from the group." : "The customer was not in the group; nothing changed.",
                new Removed(in.customerGroupId(), in.customerId(), removed));
    }
}
