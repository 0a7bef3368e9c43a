package io.clientele.group.internal;

import static io.clientele.operation.Schemas.array;

import io.clientele.customer.ProfileSections;
import io.clientele.group.Groups;

/** The group feature's GetCustomer section: the groups the customer is in. */
public final class GroupSections {
    static final int MAX_GROUPS = 1_000;

    private GroupSections() {}

    public static void register(ProfileSections sections, Groups groups) {
        sections.register("customer_groups", array(GroupSchemas.groupRef(), MAX_GROUPS,
                        "The customer groups the customer is in (id and name), by name. GetCustomerGroup reads a group."),
                groups::groupsOf);
    }
}
