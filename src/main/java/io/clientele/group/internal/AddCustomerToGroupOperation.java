package io.clientele.group.internal;

import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class AddCustomerToGroupOperation implements Operation<AddCustomerToGroupOperation.Input> {
    record Input(String customerGroupId, String customerId) {}

    record Added(String customerGroupId, String customerId, boolean added) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("AddCustomerToGroup")
            .loggedAs("customer_group", "add_customer")
            .writes()
            .description("""
                    Add a customer to a manual customer group (qualifier_method none). Rule-based groups
                    (specific_values, customer_group) are refused with a conflict: their qualifiers decide membership.
                    When the customer joins, emits customer.updated.customer_group.added with the group's id and name
                    (which may trigger automation); when the customer is already a member nothing changes, nothing is
                    emitted, and added is false.""")
            .schemas(Input.class,
                    object("AddCustomerToGroup input.")
                            .required("customer_group_id", id("The manual group."))
                            .required("customer_id", id("The customer to add."))
                            .build(),
                    object("AddCustomerToGroup output.")
                            .required("customer_group_id", id("The group's id."))
                            .required("customer_id", id("The customer's id."))
                            .required("added", bool("true when the customer joined; false when already a member."))
                            .build());

    public AddCustomerToGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        boolean added = groups.addMember(tx, in.customerGroupId(), in.customerId());
        return Outcome.of(added ? "Customer added to the group." : "The customer was already in the group; nothing changed.",
                new Added(in.customerGroupId(), in.customerId(), added));
    }
}
