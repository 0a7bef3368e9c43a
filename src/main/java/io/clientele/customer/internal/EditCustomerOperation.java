package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Address;
import io.clientele.customer.Customer;
import io.clientele.customer.CustomerChanges;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Map;

public final class EditCustomerOperation implements Operation<EditCustomerOperation.Input> {
    record Input(String customerId, String firstName, String lastName, String email, String phone, String company,
                 String internalId, String campaignId, Address address, String status, String lifecycleStage,
                 List<String> tags, List<String> addTags, List<String> removeTags, String source) {
        CustomerChanges changes() {
            return new CustomerChanges(firstName, lastName, email, phone, company, internalId, campaignId, address,
                    status, lifecycleStage, tags, addTags, removeTags, source);
        }
    }

    record Edited(String customerId, Customer customer, List<String> changedFields) {}

    private final Customers customers;
    private final OperationSpec<Input> spec = OperationSpec.named("EditCustomer")
            .loggedAs("customer", "edit")
            .writes()
            .description("""
                    Change a customer. Send only the fields to change; a field left out stays as it is, and an empty
                    string clears it. tags replaces the whole list; add_tags and remove_tags change it in place.
                    Emits customer.updated listing each changed field with its old and new value; a call that changes
                    nothing emits nothing. Answers with the customer as it now is and the changed field names.""")
            .schemas(Input.class,
                    CustomerSchemas.contactFields(object("EditCustomer input.")
                                    .required("customer_id", id("The customer to change.")), true)
                            .property("tags", CustomerSchemas.tags("The complete new list of tags."))
                            .property("add_tags", CustomerSchemas.tags("Tags to add."))
                            .property("remove_tags", CustomerSchemas.tags("Tags to remove."))
                            .build(),
                    object("EditCustomer output.")
                            .required("customer_id", id("The customer's id."))
                            .required("customer", CustomerSchemas.customer())
                            .required("changed_fields", CustomerSchemas.tags("Names of the fields that changed."))
                            .build());

    public EditCustomerOperation(Customers customers) {
        this.customers = customers;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        Map.Entry<Customer, Map<String, Customers.Change>> edited = customers.edit(tx, input.customerId(), input.changes());
        List<String> changed = List.copyOf(edited.getValue().keySet());
        String result = changed.isEmpty() ? "Nothing to change: the customer already had these values." : "Customer updated.";
        return Outcome.of(result, new Edited(input.customerId(), edited.getKey(), changed));
    }
}
