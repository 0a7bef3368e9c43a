package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Customer;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class RestoreCustomerOperation implements Operation<RestoreCustomerOperation.Input> {
    record Input(String customerId) {}

    record Restored(String customerId, Customer customer) {}

    private final Customers customers;
    private final OperationSpec<Input> spec = OperationSpec.named("RestoreCustomer")
            .loggedAs("customer", "restore")
            .writes()
            .description("""
                    Restore a soft-deleted customer so it shows in reads and lists again. A customer that is not
                    deleted answers conflict. Emits customer.restored.""")
            .schemas(Input.class, CustomerSchemas.customerIdInput("RestoreCustomer input."),
                    object("RestoreCustomer output.")
                            .required("customer_id", id("The restored customer's id."))
                            .required("customer", CustomerSchemas.customer())
                            .build());

    public RestoreCustomerOperation(Customers customers) {
        this.customers = customers;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        Customer customer = customers.restore(tx, input.customerId());
        return Outcome.of("Customer restored.", new Restored(customer.customerId(), customer));
    }
}
