package io.clientele.group.internal;

import io.clientele.customer.GroupScope;
import io.clientele.group.Groups;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;

/** What SearchCustomers' {@code customer_group_id} filter reads: the tenant's group, and its members' SQL. */
public final class GroupSearchScope implements GroupScope {
    private final Groups groups;

    public GroupSearchScope(Groups groups) {
        this.groups = groups;
    }

    @Override
    public void checkExists(Tx tx, String customerGroupId) {
        if (groups.find(tx, customerGroupId).isEmpty()) throw Problem.notFound("customer_group", customerGroupId);
    }

    @Override
    public String membersSql() {
        return MemberStore.MEMBERS_OF_GROUP;
    }
}
