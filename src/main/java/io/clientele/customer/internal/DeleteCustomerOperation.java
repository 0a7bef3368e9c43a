package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class DeleteCustomerOperation implements Operation<DeleteCustomerOperation.Input> {
    record Input(String customerId) {}

    record Deleted(String customerId) {}

    private final Customers customers;
    private final OperationSpec<Input> spec = OperationSpec.named("DeleteCustomer")
            .loggedAs("customer", "delete")
            .destroys()
            .description("""
                    Soft-delete a customer: from now on it is hidden from every read, list and search, but its record,
                    history and audit trail are kept, and RestoreCustomer brings it back. Emits customer.deleted.""")
            .schemas(Input.class, CustomerSchemas.customerIdInput("DeleteCustomer input."),
                    object("DeleteCustomer output.").required("customer_id", id("The deleted customer's id.")).build());

    public DeleteCustomerOperation(Customers customers) {
        this.customers = customers;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        customers.delete(tx, input.customerId());
        return Outcome.of("Customer deleted; RestoreCustomer can bring it back.", new Deleted(input.customerId()));
    }
}
