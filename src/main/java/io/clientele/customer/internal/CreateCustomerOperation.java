package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.Address;
import io.clientele.customer.ContactDetails;
import io.clientele.customer.Customer;
import io.clientele.customer.CustomerDraft;
import io.clientele.customer.CustomerMatcher;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;

public final class CreateCustomerOperation implements Operation<CreateCustomerOperation.Input> {
    /** The draft's fields, and how to treat a person who may already be a customer. */
    record Input(String firstName, String lastName, String email, String phone, String company, String internalId,
                 String campaignId, Address address, String status, String lifecycleStage, List<String> tags,
                 String source, String match) {
        CustomerDraft draft() {
            return new CustomerDraft(firstName, lastName, email, phone, company, internalId, campaignId, address, status,
                    lifecycleStage, tags, source);
        }
    }

    record Suggested(String customerId, int confidence, List<String> matchedKeys) {}

    record Created(String customerId) {}

    record Matched(String customerId, boolean created, List<Suggested> suggestedDuplicates) {}

    static final String FIND_OR_CREATE = "find_or_create";

    private final Customers customers;
    private final CustomerMatcher matcher;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateCustomer")
            .loggedAs("customer", "create")
            .writes()
            .description("""
                    Create a customer: identity, contact details, address, status, lifecycle stage, tags and source.
                    Every field is optional, but a customer without email or phone cannot be found by search later.
                    The email's syntax is checked; the phone is stored as given and, when it parses, also in E.164
                    (a national number is read in the address country, so send the country with it).
                    Emits customer.created. Answers with the new customer_id.
                    With match "find_or_create", a person who already is a customer is not created twice: the
                    same email (or, when no email is sent, the same phone) answers that customer's customer_id
                    with created false, and writes nothing. A weaker match (a similar name, an address) still
                    creates the customer and answers suggested_duplicates with their confidence, also listed by
                    GetDuplicateCustomerReport. Values on the match blocklist never match.""")
            .schemas(Input.class,
                    CustomerSchemas.newCustomerFields(object("CreateCustomer input."))
                            .property("match", enumOf("create (default): always create. find_or_create: reuse the customer"
                                    + " with the same email (or phone, without email); see the description.",
                                    List.of("create", FIND_OR_CREATE)))
                            .build(),
                    object("CreateCustomer output.")
                            .required("customer_id", id("The new customer's id, or with find_or_create the existing one's."))
                            .property("created", bool("With find_or_create: false when an existing customer was found."))
                            .property("suggested_duplicates", array(object("An existing customer the new one may be.")
                                    .required("customer_id", id("The existing customer."))
                                    .required("confidence", integer(0, 100, "How sure, 0 to 100."))
                                    .required("matched_keys", CustomerSchemas.matchedKeys())
                                    .build(), Customers.MAX_SUGGESTIONS, "With find_or_create: likely duplicates, strongest first."))
                            .build());

    public CreateCustomerOperation(Customers customers, CustomerMatcher matcher) {
        this.customers = customers;
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        CustomerDraft draft = input.draft();
        if (!FIND_OR_CREATE.equals(input.match())) {
            return Outcome.of("Customer created.", new Created(customers.create(tx, draft).customerId()));
        }
        ContactDetails person = ContactDetails.of(draft);
        if (draft.email() != null && !draft.email().isBlank()) customers.lockEmail(tx, draft.email());
        CustomerMatcher.Decision decision = matcher.decide(tx, person, Customers.MAX_SUGGESTIONS);
        if (decision.same().isPresent()) {
            return Outcome.of("Customer found; nothing was created.", new Matched(decision.same().get().customerId(), false, List.of()));
        }
        Customer created = customers.create(tx, draft);
        List<CustomerMatcher.Match> likely = customers.suggestDuplicates(tx, created, decision.likely());
        return Outcome.of(likely.isEmpty() ? "Customer created." : "Customer created; it may duplicate " + likely.size() + " existing customer(s).",
                new Matched(created.customerId(), true, likely.stream()
                        .map(m -> new Suggested(m.customer().customerId(), m.confidence(), m.matchedKeys())).toList()));
    }
}
