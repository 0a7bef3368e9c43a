package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Customer;
import io.clientele.customer.Customers;
import io.clientele.customer.ProfileSections;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The customer and every registered profile section, unless the caller leaves sections out. */
public final class GetCustomerOperation implements Operation<GetCustomerOperation.Input> {
    record Input(String customerId, List<String> leaveOut) {}

    private final Customers customers;
    private final List<ProfileSections.Section> sections;
    private final OperationSpec<Input> spec;

    public GetCustomerOperation(Customers customers, ProfileSections sections) {
        this.customers = customers;
        this.sections = sections.all();
        List<String> names = this.sections.stream().map(ProfileSections.Section::name).toList();
        Schemas.ObjectBuilder output = object("GetCustomer output.").required("customer", CustomerSchemas.customer());
        this.sections.forEach(section -> output.property(section.name(), section.schema()));
        this.spec = OperationSpec.named("GetCustomer")
                .loggedAs("customer", "get")
                .reads()
                .description("""
                        Read one customer by customer_id: the customer's profile as support sees it. "customer" holds
                        identity, contact, address, status, lifecycle stage, tags, source and timestamps; the other
                        fields are the profile's sections (%s), each described in the output schema. Every section
                        is answered unless named in leave_out: leave out what you do not need, for speed. The id of a
                        customer merged into another answers that customer, with a warning. A deleted customer, or an
                        id of another tenant, answers not_found.""".formatted(String.join(", ", names)))
                .schemas(Input.class,
                        object("GetCustomer input.")
                                .required("customer_id", id("The customer's 20-character id."))
                                .property("leave_out", array(enumOf("A section to leave out.", names), names.size(),
                                        "Sections not to read, e.g. [\"notes\"]; default none.").put("uniqueItems", true))
                                .build(),
                        output.build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        Optional<Customer> found = customers.find(tx, input.customerId());
        List<Outcome.Warning> warnings = List.of();
        if (found.isEmpty()) {
            // A merged-away id still finds the person: the customer it was merged into.
            Optional<String> into = customers.mergedInto(tx, input.customerId());
            found = into.flatMap(id -> customers.find(tx, id));
            if (found.isPresent()) {
                warnings = List.of(new Outcome.Warning("/customer_id", "Customer " + input.customerId()
                        + " was merged into " + found.get().customerId() + "; this is that customer. Use its id from now on."));
            }
        }
        Customer customer = found.orElseThrow(() -> Problem.notFound("customer", input.customerId()));
        Set<String> leftOut = input.leaveOut() == null ? Set.of() : Set.copyOf(input.leaveOut());
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("customer", customer);
        Map<ProfileSections.Batch, Map<String, Object>> batches = new IdentityHashMap<>();
        for (ProfileSections.Section section : sections) {
            if (leftOut.contains(section.name())) continue;
            ProfileSections.Batch batch = section.batch();
            if (batch == null) {
                profile.put(section.name(), section.reader().read(tx, customer.customerId()));
            } else {
                // The batch's first wanted section reads all of its wanted sections, in one go.
                Map<String, Object> read = batches.computeIfAbsent(batch, b -> b.reader().read(tx, customer.customerId(),
                        wanted(b, leftOut)));
                profile.put(section.name(), read.get(section.name()));
            }
        }
        return new Outcome("Customer found.", profile, warnings);
    }

    private static Set<String> wanted(ProfileSections.Batch batch, Set<String> leftOut) {
        Set<String> wanted = new HashSet<>(batch.names());
        wanted.removeAll(leftOut);
        return wanted;
    }
}
