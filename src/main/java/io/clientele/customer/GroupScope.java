package io.clientele.customer;

import io.clientele.platform.Tx;

/**
 * How SearchCustomers narrows results to one customer group's members without reading the group feature's
 * tables: the group feature provides it ({@link CustomerFeature#scopeSearchByGroups}), as it provides the
 * {@code customer_groups} profile section.
 */
public interface GroupScope {
    /** Refuses ({@code not_found}) a group id that is not one of the tenant's groups. */
    void checkExists(Tx tx, String customerGroupId);

    /**
     * A {@code SELECT} of the group's members' customer ids, scoped by the named parameters {@code :tenant} and
     * {@code :customer_group_id}.
     */
    String membersSql();
}
