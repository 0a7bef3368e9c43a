package io.clientele.group.internal;

import static io.clientele.operation.Schemas.array;

import io.clientele.customer.ProfileSections;
import io.clientele.platform.BatchedSelects;
import java.util.List;

/** The group feature's GetCustomer section: the groups the customer is in. */
public final class GroupSections {
    static final int MAX_GROUPS = 1_000;

    private GroupSections() {}

    public static void register(ProfileSections sections) {
        BatchedSelects read = new BatchedSelects("customer", List.of(MemberStore.profileGroupsOf("customer_groups")));
        sections.registerTogether(List.of(new ProfileSections.Definition("customer_groups", array(GroupSchemas.groupRef(), MAX_GROUPS,
                "The customer groups the customer is in (id and name), by name. GetCustomerGroup reads a group."))), read::read);
    }
}
