package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Customer;
import io.clientele.customer.CustomerDraft;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

/** {@code CreateCustomers}: many {@code CreateCustomer} calls in one call and one transaction. */
public final class CreateCustomersOperation implements Operation<CreateCustomersOperation.Input> {
    record Input(List<CustomerDraft> customers) {}

    record Created(List<String> customerIds) {}

    private final Customers customers;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateCustomers")
            .loggedAs("customer", "create_many")
            .writes()
            .description("""
                    Create up to 500 customers in one call, for loading customers from another system. Each entry
                    takes exactly the fields of CreateCustomer, with the same rules and defaults, and each new
                    customer is audited and emits customer.created as if created alone. All or nothing: every
                    entry is checked before any is written, and one bad entry fails the call with a pointer to it
                    (e.g. /customers/17/email), writing nothing. Answers with the new ids in the order sent.""")
            .schemas(Input.class,
                    object("CreateCustomers input.")
                            .required("customers", array(
                                    CustomerSchemas.newCustomer("A customer, as CreateCustomer takes it."),
                                    Customers.MAX_BATCH, "The customers to create, 1 to " + Customers.MAX_BATCH + ".").put("minItems", 1))
                            .build(),
                    object("CreateCustomers output.")
                            .required("customer_ids", array(id("A new customer's id."), Customers.MAX_BATCH,
                                    "The new customers' ids, in the order the customers were sent."))
                            .build());

    public CreateCustomersOperation(Customers customers) {
        this.customers = customers;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        List<String> ids = customers.createAll(tx, input.customers()).stream().map(Customer::customerId).toList();
        return Outcome.of(ids.size() == 1 ? "1 customer created." : ids.size() + " customers created.", new Created(ids));
    }
}
