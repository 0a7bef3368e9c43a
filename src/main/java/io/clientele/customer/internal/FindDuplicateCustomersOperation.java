package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.customer.Address;
import io.clientele.customer.ContactDetails;
import io.clientele.customer.Customer;
import io.clientele.customer.CustomerMatcher;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

/** {@code FindDuplicateCustomers}: who a person (or an existing customer) may already be. */
public final class FindDuplicateCustomersOperation implements Operation<FindDuplicateCustomersOperation.Input> {
    record Input(String customerId, String email, String phone, String firstName, String lastName, Address address,
                 Integer minConfidence, Integer limit) {}

    record Candidate(String customerId, String name, String email, String phone, int confidence, List<String> matchedKeys) {}

    record Found(List<Candidate> candidates) {}

    static final int MAX_LIMIT = 50;

    private final Customers customers;
    private final CustomerMatcher matcher;
    private final OperationSpec<Input> spec = OperationSpec.named("FindDuplicateCustomers")
            .loggedAs("customer", "find_duplicates")
            .reads()
            .description("""
                    Find the customers a person may already be, before creating one or to clean up. Send either
                    customer_id (an existing customer: finds its likely duplicates) or the person's contact fields
                    (email, phone, first_name, last_name, address, as CreateCustomer takes them). Each candidate has
                    a confidence from 0 to 100 and the keys that matched: the same email is 100, the same phone 90
                    (compared in E.164, so formats do not matter; a national number is read in address.country),
                    a similar name 70 to 90, the same address adds evidence but never matches alone; several keys
                    together raise confidence (phone and name: 97). Values on the tenant's match blocklist
                    (AddMatchBlocklistEntry) never match. Candidates below min_confidence (default 70) are left
                    out. GetDuplicateCustomerReport lists likely pairs across the whole tenant.""")
            .schemas(Input.class,
                    CustomerSchemas.personFields(object("FindDuplicateCustomers input."), "")
                            .property("customer_id", id("An existing customer to find duplicates of; or send contact fields instead."))
                            .property("min_confidence", integer(0, 100, "Leave out candidates below this confidence (default 70)."))
                            .property("limit", integer(1, MAX_LIMIT, "At most this many candidates (default 10)."))
                            .build(),
                    object("FindDuplicateCustomers output.")
                            .required("candidates", array(object("A customer the person may be.")
                                    .required("customer_id", id("The candidate's id."))
                                    .required("name", nullable(string(201, "First and last name.")))
                                    .required("email", nullable(string(254, "Email.")))
                                    .required("phone", nullable(string(40, "Phone as given.")))
                                    .required("confidence", integer(0, 100, "How sure, 0 to 100."))
                                    .required("matched_keys", CustomerSchemas.matchedKeys())
                                    .build(), MAX_LIMIT, "Strongest first."))
                            .build());

    public FindDuplicateCustomersOperation(Customers customers, CustomerMatcher matcher) {
        this.customers = customers;
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        boolean contact = in.email() != null || in.phone() != null || in.firstName() != null || in.lastName() != null
                || in.address() != null;
        if ((in.customerId() == null) == !contact) {
            throw Problem.validation(in.customerId() == null ? "" : "/customer_id", in.customerId() == null
                    ? "Send either customer_id or the person's contact fields (email, phone, first_name, last_name, address)."
                    : "Send either customer_id or contact fields, not both.");
        }
        ContactDetails person = in.customerId() != null
                ? ContactDetails.of(customers.get(tx, in.customerId()))
                : new ContactDetails(in.email(), in.phone(), in.address() == null ? null : in.address().country(),
                        in.firstName(), in.lastName(), in.address() == null ? null : in.address().line1(),
                        in.address() == null ? null : in.address().zip());
        List<Candidate> candidates = matcher.find(tx, person, in.customerId(),
                        Objects.requireNonNullElse(in.minConfidence(), CustomerMatcher.DEFAULT_MIN_CONFIDENCE),
                        Objects.requireNonNullElse(in.limit(), 10)).stream()
                .map(m -> candidate(m.customer(), m.confidence(), m.matchedKeys()))
                .toList();
        return Outcome.of(candidates.isEmpty() ? "No likely duplicate." : candidates.size() + " likely duplicate(s).",
                new Found(candidates));
    }

    private static Candidate candidate(Customer c, int confidence, List<String> keys) {
        String name = String.join(" ", java.util.stream.Stream.of(c.firstName(), c.lastName()).filter(Objects::nonNull).toList());
        return new Candidate(c.customerId(), name.isEmpty() ? null : name, c.email(), c.phone(), confidence, keys);
    }
}
