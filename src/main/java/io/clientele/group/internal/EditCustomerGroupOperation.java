package io.clientele.group.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.group.GroupDraft;
import io.clientele.group.Groups;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class EditCustomerGroupOperation implements Operation<EditCustomerGroupOperation.Input> {
    record Input(String customerGroupId, String name, String description, Boolean enabled, String qualifierMethod,
                 JsonNode qualifiers) {}

    record Edited(String customerGroupId, GroupSchemas.GroupView customerGroup, List<String> changedFields) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("EditCustomerGroup")
            .loggedAs("customer_group", "edit")
            .writes()
            .description("""
                    Change a customer group. Send only the fields to change; a field left out stays as it is, an empty
                    description clears it, and qualifiers, when sent, replaces the whole qualifiers object. The result is
                    validated as a whole, exactly like CreateCustomerGroup (so changing qualifier_method alone may need
                    the matching qualifiers branch). A none group with manually added members cannot become rule-based
                    until they are removed. Answers with the group as it now is and the changed field names; a call
                    that changes nothing writes nothing.
                    """ + CreateCustomerGroupOperation.RULES)
            .schemas(Input.class,
                    GroupSchemas.definition(object("EditCustomerGroup input.")
                            .required("customer_group_id", id("The group to change."))).build(),
                    object("EditCustomerGroup output.")
                            .required("customer_group_id", id("The group's id."))
                            .required("customer_group", GroupSchemas.group())
                            .required("changed_fields", array(string(40, "A field name."), 5, "The fields that changed."))
                            .build());

    public EditCustomerGroupOperation(Groups groups) {
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Groups.Written written = groups.edit(tx, in.customerGroupId(), new GroupDraft(in.name(), in.description(),
                in.enabled(), in.qualifierMethod(), in.qualifiers()));
        String result = written.changedFields().isEmpty() ? "Nothing to change: the group already had these values."
                : "Customer group updated.";
        return new Outcome(result, new Edited(in.customerGroupId(),
                GroupSchemas.GroupView.of(written.group(), groups.memberCount(tx, in.customerGroupId())),
                written.changedFields()), written.warnings());
    }
}
