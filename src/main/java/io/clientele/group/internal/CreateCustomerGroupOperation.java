package io.clientele.group.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.group.GroupDraft;
import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class CreateCustomerGroupOperation implements Operation<CreateCustomerGroupOperation.Input> {
    record Input(String name, String description, Boolean enabled, String qualifierMethod, JsonNode qualifiers) {}

    record Created(String customerGroupId) {}

    /** The rules an agent needs to build a group right (issue 3, seed 002); also read by EditCustomerGroup. */
    static final String RULES = """
            qualifier_method decides which qualifier branch is evaluated; the other branches are ignored (sent anyway,
            they are stored but answered with a warning naming the ignored path):
            - none: manual/workflow-only. No qualifier is evaluated; customers join and leave only through
              AddCustomerToGroup / RemoveCustomerFromGroup. Send "qualifiers": {}.
            - specific_values: only qualifiers.specific_values. filters AND values AND subscription_options must all
              hold. filters.campaign, product_group and third_party_shop are each OR within their list (empty list = no
              filter). filters.metadata is grouped by name: OR among the values of one name, AND across names
              ([affiliate_id=a, affiliate_id=b, tier=gold] means (affiliate_id a OR b) AND tier gold); the value
              METADATA_NAME_EXISTS matches the name with any value.
            - customer_group: only qualifiers.customer_group: in at least one in_any_customer_group group (OR), in every
              in_all_customer_group group (AND), in none of not_in_customer_group. Groups must exist in this account; a
              group cannot list itself, and a cycle of groups is refused.
            Ranges ({enabled, min, max}): every enabled range must hold, min <= value <= max, inclusive; disabled ranges
            are ignored. min 0 and max 0 means exactly zero (e.g. num_chargeback 0..0 = no chargebacks). max 0 is NOT
            "no limit": min 500 with max 0 is refused; for "500 or more" send a large max such as 999999. days_* bounds
            (days_since_created, days_last_sale, days_last_renewal) must be greater than 0.
            has_no_sales true: the customer must have no sales, and every other value except days_since_created is
            ignored. subscription_options count only with "enabled": true; status lists are OR.
            OR across different qualifier types (e.g. declined sale OR overdue renewal) cannot be expressed in one group:
            create one group per condition, then a customer_group group with them in in_any_customer_group. Likewise
            "lifetime value >= 500 and not in Do Not Contact" is a specific_values group plus a customer_group group
            (in_all: that group; not_in: Do Not Contact).
            Every id (campaign, product group, shop, group) must be a real 20-character id of this account; placeholders
            such as HIGH_VALUE_GROUP_ID are refused. Membership changes emit customer.updated.customer_group.added /
            .removed, which may trigger automation: create groups disabled (enabled false) when automation is attached
            or the qualifiers are broad, and enable them after review.""";

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateCustomerGroup")
            .loggedAs("customer_group", "create")
            .writes()
            .exactInputSchema()
            .description("""
                    Create a customer group (seed 002) and answer its 20-character customer_group_id. name and
                    qualifier_method are needed; enabled defaults to false. Names are unique in the account (without
                    regard to case).
                    """ + RULES + """

                    An enabled specific_values or customer_group group is evaluated at once: every qualifying customer
                    joins, each with an added event, and the answer warns when that was many (use PreviewCustomerGroup
                    first). After that, membership follows every change to a customer's data in the same transaction;
                    day-counted qualifiers are brought current hourly (EvaluateCustomerGroups does it now).""")
            .schemas(Input.class,
                    GroupSchemas.definition(object("CreateCustomerGroup input.")).build(),
                    object("CreateCustomerGroup output.")
                            .required("customer_group_id", id("The new group's 20-character id."))
                            .build());

    public CreateCustomerGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Groups.Written written = groups.create(tx, new GroupDraft(in.name(), in.description(), in.enabled(),
                in.qualifierMethod(), in.qualifiers()));
        return new Outcome("Customer group created.", new Created(written.group().customerGroupId()), written.warnings());
    }
}
