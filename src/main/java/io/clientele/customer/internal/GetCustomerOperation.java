package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Customer;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class GetCustomerOperation implements Operation<GetCustomerOperation.Input> {
    record Input(String customerId) {}

    record Found(Customer customer, List<MetadataStore.Entry> metadata) {}

    private final Customers customers;
    private final MetadataStore metadata;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomer")
            .loggedAs("customer", "get")
            .reads()
            .description("""
                    Read one customer by customer_id: identity, contact, address, status, lifecycle stage, tags,
                    source, timestamps, and the customer's metadata (name/value pairs). A deleted customer, or an
                    id of another tenant, answers not_found.""")
            .schemas(Input.class, CustomerSchemas.customerIdInput("GetCustomer input."),
                    object("GetCustomer output.")
                            .required("customer", CustomerSchemas.customer())
                            .required("metadata", ItemSchemas.metadataEntries("The customer's metadata, by name."))
                            .build());

    public GetCustomerOperation(Customers customers, MetadataStore metadata) {
        this.customers = customers;
        this.metadata = metadata;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        Customer customer = customers.get(tx, input.customerId());
        return Outcome.of("Customer found.", new Found(customer, metadata.forItem(tx, "customer", customer.customerId())));
    }
}
