package io.clientele.group;

import io.clientele.audit.AuditLog;
import io.clientele.commerce.Catalogue;
import io.clientele.customer.CustomerFeature;
import io.clientele.customer.Customers;
import io.clientele.customer.ProfileSections;
import io.clientele.event.Events;
import io.clientele.group.internal.AddCustomerToGroupOperation;
import io.clientele.group.internal.CreateCustomerGroupOperation;
import io.clientele.group.internal.DeleteCustomerGroupOperation;
import io.clientele.group.internal.EditCustomerGroupOperation;
import io.clientele.group.internal.GetCustomerGroupMembersOperation;
import io.clientele.group.internal.GetCustomerGroupOperation;
import io.clientele.group.internal.GetCustomerGroupsOperation;
import io.clientele.group.internal.GroupSearchScope;
import io.clientele.group.internal.GroupSections;
import io.clientele.group.internal.GroupStore;
import io.clientele.group.internal.MemberStore;
import io.clientele.group.internal.Membership;
import io.clientele.group.internal.PreviewCustomerGroupOperation;
import io.clientele.group.internal.EvaluateCustomerGroupsOperation;
import io.clientele.group.internal.RemoveCustomerFromGroupOperation;
import io.clientele.operation.Operation;
import java.util.List;

/** Wires the group feature: its stores, its service, its GetCustomer section and its operations. */
public final class GroupFeature {
    /** The audit item types of groups, for GetAuditLog (definition changes and membership changes). */
    public static final List<String> AUDITED_ITEM_TYPES = List.of("customer_group");

    private final GroupStore store = new GroupStore();
    private final MemberStore members = new MemberStore();
    private final Membership membership;
    private final Groups groups;

    /** Registers the {@code customer_groups} profile section: the groups a customer is in. */
    public GroupFeature(Events events, AuditLog audit, CustomerFeature customerFeature, Catalogue catalogue, ProfileSections sections) {
        Customers customers = customerFeature.customers();
        this.membership = new Membership(store, events);
        this.groups = new Groups(store, members, membership, catalogue, customers, events, audit);
        customers.onMerge(groups::moveMembers);
        GroupSections.register(sections);
        customerFeature.scopeSearchByGroups(new GroupSearchScope(groups));
    }

    public Groups groups() {
        return groups;
    }

    /** The hourly sweep of day-counted qualifiers; the caller starts and closes it. */
    public GroupSweeper sweeper(javax.sql.DataSource owner, io.clientele.platform.Transactions transactions) {
        return new GroupSweeper(owner, transactions, membership);
    }

    public List<Operation<?>> operations() {
        return List.of(
                new CreateCustomerGroupOperation(groups),
                new EditCustomerGroupOperation(groups),
                new GetCustomerGroupOperation(groups),
                new GetCustomerGroupsOperation(store, members),
                new DeleteCustomerGroupOperation(groups),
                new AddCustomerToGroupOperation(groups),
                new RemoveCustomerFromGroupOperation(groups),
                new GetCustomerGroupMembersOperation(groups, members),
                new PreviewCustomerGroupOperation(groups),
                new EvaluateCustomerGroupsOperation(groups));
    }
}
