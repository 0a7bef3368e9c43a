package io.clientele.group.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.group.Groups;
import io.clientele.group.QualifierMethod;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class PreviewCustomerGroupOperation implements Operation<PreviewCustomerGroupOperation.Input> {
    static final int DEFAULT_SAMPLE = 10;
    static final int MAX_SAMPLE = 25;

    record Input(String customerGroupId, String qualifierMethod, JsonNode qualifiers, Integer sampleSize) {}

    private final Groups groups;
    private final OperationSpec<Input> spec = OperationSpec.named("PreviewCustomerGroup")
            .loggedAs("customer_group", "preview")
            .reads()
            .description("""
                    Test a customer group definition before it goes live (seed 002 asks for this before outreach):
                    evaluates it against the account's customers now and answers how many qualify, with a sample,
                    without saving anything or emitting any event. Send a new definition (qualifier_method and
                    qualifiers, exactly as for CreateCustomerGroup); or customer_group_id alone to evaluate that
                    group's own definition; or customer_group_id with a changed definition to see what an
                    EditCustomerGroup would do. With customer_group_id the answer also says who would be added and who
                    removed compared with the group's members now. Validated like CreateCustomerGroup (same errors
                    and warnings). A customer_group definition reads the other groups' members as they are now.""")
            .schemas(Input.class,
                    object("PreviewCustomerGroup input.")
                            .property("customer_group_id", id("An existing group: preview its definition, or the changes"
                                    + " sent, against its members now."))
                            .property("qualifier_method", enumOf("The definition's qualifier_method (specific_values or"
                                    + " customer_group; none has nothing to evaluate). Default: the group's.", QualifierMethod.wires()))
                            .property("qualifiers", GroupSchemas.qualifiers())
                            .property("sample_size", integer(1, MAX_SAMPLE, "Customers per sample, default " + DEFAULT_SAMPLE + "."))
                            .build(),
                    object("PreviewCustomerGroup output.")
                            .required("qualifying_count", integer(0, Long.MAX_VALUE, "How many customers qualify now."))
                            .required("qualifying_sample", sample("Some of the qualifying customers, by id."))
                            .required("adding_count", nullable(integer(0, Long.MAX_VALUE, "With customer_group_id: how many"
                                    + " qualify and are not members now (they would be added, each with an added event).")))
                            .required("adding_sample", nullable(sample("Some of those who would be added.")))
                            .required("removing_count", nullable(integer(0, Long.MAX_VALUE, "With customer_group_id: how many"
                                    + " members do not qualify (they would be removed, each with a removed event).")))
                            .required("removing_sample", nullable(sample("Some of those who would be removed.")))
                            .build());

    public PreviewCustomerGroupOperation(Groups groups) {
        this.groups = groups;
    }

    private static ObjectNode sample(String description) {
        return array(object("A customer.")
                .required("customer_id", id("The customer's id."))
                .required("name", string(1_000, "First and last name, possibly empty."))
                .required("email", nullable(string(1_000, "Email, or null.")))
                .build(), MAX_SAMPLE, description);
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Groups.Previewed p = groups.preview(tx, in.customerGroupId(), in.qualifierMethod(), in.qualifiers(),
                in.sampleSize() == null ? DEFAULT_SAMPLE : in.sampleSize());
        String result = p.qualifyingCount() + " customer(s) qualify"
                + (p.addingCount() == null ? "" : "; " + p.addingCount() + " would be added and " + p.removingCount() + " removed")
                + ". Nothing was saved.";
        return new Outcome(result, p, p.warnings());
    }
}
