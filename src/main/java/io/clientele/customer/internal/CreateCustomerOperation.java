package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.CustomerDraft;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class CreateCustomerOperation implements Operation<CustomerDraft> {
    record Created(String customerId) {}

    private final Customers customers;
    private final OperationSpec<CustomerDraft> spec = OperationSpec.named("CreateCustomer")
            .loggedAs("customer", "create")
            .writes()
            .description("""
                    Create a customer: identity, contact details, address, status, lifecycle stage, tags and source.
                    Every field is optional, but a customer without email or phone cannot be found by search later.
                    The email's syntax is checked; the phone is stored as given and, when it parses, also in E.164
                    (a national number is read in the address country, so send the country with it).
                    Emits customer.created. Answers with the new customer_id.""")
            .schemas(CustomerDraft.class,
                    CustomerSchemas.newCustomer("CreateCustomer input."),
                    object("CreateCustomer output.").required("customer_id", id("The new customer's id.")).build());

    public CreateCustomerOperation(Customers customers) {
        this.customers = customers;
    }

    @Override
    public OperationSpec<CustomerDraft> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, CustomerDraft input) {
        return Outcome.of("Customer created.", new Created(customers.create(tx, input).customerId()));
    }
}
