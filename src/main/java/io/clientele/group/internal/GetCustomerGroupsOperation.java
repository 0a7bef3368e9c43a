package io.clientele.group.internal;

import io.clientele.operation.Paging;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.object;

import io.clientele.group.CustomerGroup;
import io.clientele.group.QualifierMethod;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetCustomerGroupsOperation implements Operation<GetCustomerGroupsOperation.Input> {
    record Input(String qualifierMethod, Boolean enabled, String order, Integer limit, String cursor) {}

    record Page(List<GroupSchemas.GroupView> customerGroups, String nextCursor) {}

    private final GroupStore store;
    private final MemberStore members;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomerGroups")
            .loggedAs("customer_group", "list")
            .reads()
            .description("""
                    List the account's customer groups, newest first by default, one page at a time, optionally only
                    those of one qualifier_method or only enabled (or disabled) ones. Use it to find the real
                    customer_group_id to put in a composite group's qualifiers. Pass next_cursor from a page to get the
                    next one, with the same filters and order; next_cursor is null on the last page.""")
            .schemas(Input.class,
                    GroupSchemas.paging(object("GetCustomerGroups input.")
                            .property("qualifier_method", enumOf("Only groups of this qualifier_method.", QualifierMethod.wires()))
                            .property("enabled", bool("Only enabled (true) or disabled (false) groups.")), "created_at")
                            .build(),
                    object("GetCustomerGroups output.")
                            .required("customer_groups", array(GroupSchemas.group(), Paging.MAX_LIMIT, "This page."))
                            .required("next_cursor", GroupSchemas.nextCursor())
                            .build());

    public GetCustomerGroupsOperation(GroupStore store, MemberStore members) {
        this.store = store;
        this.members = members;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Paging paging = Paging.of(in.order(), in.cursor(), in.limit());
        QualifierMethod method = in.qualifierMethod() == null ? null : QualifierMethod.fromWire(in.qualifierMethod());
        Paging.Page<CustomerGroup> page = paging.page(store.list(tx, method, in.enabled(), paging),
                CustomerGroup::createdAt, CustomerGroup::customerGroupId);
        List<GroupSchemas.GroupView> views = page.items().stream()
                .map(g -> GroupSchemas.GroupView.of(g, members.count(tx, g.customerGroupId()))).toList();
        String result = views.isEmpty() ? "No customer groups match." : views.size() + " customer group(s) listed.";
        return Outcome.of(result, new Page(views, page.nextCursor()));
    }
}
