package io.clientele.group.internal;

import io.clientele.operation.Paging;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.group.Groups;
import io.clientele.group.Member;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetCustomerGroupMembersOperation implements Operation<GetCustomerGroupMembersOperation.Input> {
    record Input(String customerGroupId, String order, Integer limit, String cursor) {}

    record Page(String customerGroupId, List<Member> members, String nextCursor) {}

    private final Groups groups;
    private final MemberStore members;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomerGroupMembers")
            .loggedAs("customer_group", "members")
            .reads()
            .description("""
                    List the customers in a customer group, most recently added first by default, one page at a time:
                    each with when and how it joined (manual: AddCustomerToGroup). Pass next_cursor from a page to get
                    the next one with the same order; next_cursor is null on the last page. GetCustomer shows a
                    customer's groups in its customer_groups section.""")
            .schemas(Input.class,
                    GroupSchemas.paging(object("GetCustomerGroupMembers input.")
                            .required("customer_group_id", id("The group whose members to list.")), "added_at").build(),
                    object("GetCustomerGroupMembers output.")
                            .required("customer_group_id", id("The group's id."))
                            .required("members", array(object("A member.")
                                    .required("customer_id", id("The customer's id."))
                                    .required("added_at", timestamp("When the customer joined the group."))
                                    .required("how", enumOf("How it joined: manual (AddCustomerToGroup) or qualified"
                                            + " (by the group's qualifiers).", List.of("manual", "qualified")))
                                    .build(), Paging.MAX_LIMIT, "This page."))
                            .required("next_cursor", GroupSchemas.nextCursor())
                            .build());

    public GetCustomerGroupMembersOperation(Groups groups, MemberStore members) {
        this.groups = groups;
        this.members = members;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        if (groups.find(tx, in.customerGroupId()).isEmpty()) throw Problem.notFound("customer_group", in.customerGroupId());
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        Paging.Page<Member> page = paging.page(members.page(tx, in.customerGroupId(), paging), Member::addedAt, Member::customerId);
        String result = page.items().isEmpty() ? "No members on this page." : page.items().size() + " member(s) listed.";
        return Outcome.of(result, new Page(in.customerGroupId(), page.items(), page.nextCursor()));
    }
}
