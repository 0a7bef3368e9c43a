package io.clientele.group.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.CustomerGroup;
import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;

public final class GetCustomerGroupOperation implements Operation<GetCustomerGroupOperation.Input> {
    record Input(String customerGroupId) {}

    record Found(GroupSchemas.GroupView customerGroup) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomerGroup")
            .loggedAs("customer_group", "get")
            .reads()
            .description("""
                    Read one customer group: its name, description, enabled flag, qualifier_method, the qualifiers as
                    they were sent (inactive branches included; only the branch qualifier_method selects counts), and how
                    many customers are in it. GetCustomerGroupMembers lists the members.""")
            .schemas(Input.class,
                    object("GetCustomerGroup input.").required("customer_group_id", id("The group to read.")).build(),
                    object("GetCustomerGroup output.").required("customer_group", GroupSchemas.group()).build());

    public GetCustomerGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        CustomerGroup group = groups.find(tx, in.customerGroupId())
                .orElseThrow(() -> Problem.notFound("customer_group", in.customerGroupId()));
        return Outcome.of("Customer group found.", new Found(GroupSchemas.GroupView.of(group,
                groups.memberCount(tx, group.customerGroupId()))));
    }
}
