package io.clientele.group.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class DeleteCustomerGroupOperation implements Operation<DeleteCustomerGroupOperation.Input> {
    record Input(String customerGroupId) {}

    record Deleted(String customerGroupId, int membersRemoved) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("DeleteCustomerGroup")
            .loggedAs("customer_group", "delete")
            .destroys()
            .description("""
                    Delete a customer group for good. Every member leaves it, each with a
                    customer.updated.customer_group.removed event (how: group_deleted), which may trigger automation.
                    Refused (conflict) while other groups list it in their customer_group qualifiers; the message names
                    them, so edit or delete those first. Answers how many members were removed.""")
            .schemas(Input.class,
                    object("DeleteCustomerGroup input.").required("customer_group_id", id("The group to delete.")).build(),
                    object("DeleteCustomerGroup output.")
                            .required("customer_group_id", id("The deleted group's id."))
                            .required("members_removed", integer(0, Integer.MAX_VALUE, "How many customers left the group."))
                            .build());

    public DeleteCustomerGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        int removed = groups.delete(tx, in.customerGroupId()).size();
        return Outcome.of("Customer group deleted; " + removed + " member(s) removed.", new Deleted(in.customerGroupId(), removed));
    }
}
