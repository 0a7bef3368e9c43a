package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.number;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.customer.Address;
import io.clientele.customer.Customer;
import io.clientele.customer.GroupScope;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code SearchCustomers}: one free-text term over everything a customer is known by, typo-tolerant, ranked. */
public final class SearchCustomersOperation implements Operation<SearchCustomersOperation.Input> {
    record Input(String searchTerm, String status, String lifecycleStage, String customerGroupId, Integer limit, String cursor) {}

    record Highlight(String field, String value) {}

    record Result(String customerId, String name, String email, String phone, Address address, String internalId,
                  String status, String lifecycleStage, List<MetadataStore.Entry> metadata, List<Highlight> highlights,
                  BigDecimal score, String detailsUrl) {}

    record Found(List<Result> customers, String nextCursor) {}

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;
    /** Ranked results are paged by position; past this a narrower term serves better than more pages. */
    static final int MAX_RESULTS = 1_000;
    static final String DETAILS_URL = "clientele://customers/";

    private final SearchStore store;
    private final java.util.function.Supplier<GroupScope> groups;
    private final OperationSpec<Input> spec = OperationSpec.named("SearchCustomers")
            .loggedAs("customer", "search")
            .reads()
            .description("""
                    Find customers by one free-text search_term, as support types it: a name (a typo still finds
                    it, e.g. "Jonh Smtih"), an email or its part before the @, a phone in any format (matched on
                    its digits, e.g. "+1 415-555-0132" or "4155550132"), a company, an internal id, part of an
                    address (street, city, zip), or a metadata value. Results are ranked best first; each has a
                    score from 0 to 1, highlights naming the fields that matched and their values, the customer's
                    main fields and metadata, and details_url (the customer's MCP resource; GetCustomer with the
                    customer_id gives the full profile). Narrow with status, lifecycle_stage and customer_group_id (members
                    of that group only). Deleted customers never appear. An exact email scores 1; so do a phone's digits and an exact internal id.""")
            .schemas(Input.class,
                    object("SearchCustomers input.")
                            .required("search_term", nonEmptyString(200, "What to look for, e.g. \"jane doe\", \"jane@example.com\", \"415 555 0132\", \"crm-4711\"."))
                            .property("status", enumOf("Only customers with this status.", Customer.STATUSES))
                            .property("lifecycle_stage", enumOf("Only customers in this stage.", Customer.LIFECYCLE_STAGES))
                            .property("customer_group_id", id("Only members of this customer group (GetCustomerGroups)."))
                            .property("limit", integer(1, MAX_LIMIT, "Results per page, default " + DEFAULT_LIMIT + "."))
                            .property("cursor", string(20, "next_cursor from the previous page."))
                            .build(),
                    object("SearchCustomers output.")
                            .required("customers", array(object("A matching customer.")
                                    .required("customer_id", id("The customer's id."))
                                    .required("name", nullable(string(201, "First and last name.")))
                                    .required("email", nullable(string(254, "Email.")))
                                    .required("phone", nullable(string(40, "Phone as given.")))
                                    .required("address", CustomerSchemas.storedAddress())
                                    .required("internal_id", nullable(string(100, "Id in your own systems.")))
                                    .required("status", enumOf("Status.", Customer.STATUSES))
                                    .required("lifecycle_stage", enumOf("Lifecycle stage.", Customer.LIFECYCLE_STAGES))
                                    .required("metadata", ItemSchemas.metadataEntries("The customer's metadata."))
                                    .required("highlights", array(object("A field that matched.")
                                            .required("field", enumOf("Which field.", List.of("name", "email", "phone",
                                                    "company", "internal_id", "address", "metadata")))
                                            .required("value", string(400, "Its value (for metadata, name: value)."))
                                            .build(), 7, "The fields that matched, best first."))
                                    .required("score", number("How well the customer matches, 0 to 1 (1: exact email, phone or internal id)."))
                                    .required("details_url", string(60, "The customer's resource URI, clientele://customers/{customer_id}."))
                                    .build(), MAX_LIMIT, "This page, best match first."))
                            .required("next_cursor", nullable(string(20, "Cursor of the next page; null on the last page.")))
                            .build());

    /** @param groups the group scope the group feature registered, or null without one */
    public SearchCustomersOperation(SearchStore store, java.util.function.Supplier<GroupScope> groups) {
        this.store = store;
        this.groups = groups;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        int limit = Objects.requireNonNullElse(input.limit(), DEFAULT_LIMIT);
        int offset = offset(input.cursor());
        String term = input.searchTerm().strip();
        if (term.isEmpty()) throw Problem.validation("/search_term", "must contain something to search for");
        String email = term.contains("@") ? Contact.normalizeEmail(term) : null;
        String fuzzy = email == null ? term : term.substring(0, term.indexOf('@'));
        String membersOfGroup = null;
        if (input.customerGroupId() != null) {
            GroupScope scope = groups.get();
            if (scope == null) throw Problem.validation("/customer_group_id", "customer groups are not available in this service");
            scope.checkExists(tx, input.customerGroupId());
            membersOfGroup = scope.membersSql();
        }
        SearchStore.Query query = new SearchStore.Query(fuzzy.isBlank() ? term : fuzzy, term, email, phoneDigits(term),
                input.status(), input.lifecycleStage(), input.customerGroupId(), membersOfGroup);
        List<SearchStore.Hit> hits = store.search(tx, query, Math.min(limit, MAX_RESULTS - offset) + 1, offset);
        String next = null;
        if (hits.size() > limit) {
            hits = hits.subList(0, limit);
            next = Integer.toString(offset + limit);
        }
        Map<String, List<MetadataStore.Entry>> metadata = store.metadataOf(tx, hits.stream().map(h -> h.customer().customerId()).toList());
        List<Result> results = hits.stream().map(h -> result(h, metadata.get(h.customer().customerId()))).toList();
        return Outcome.of(results.isEmpty() ? "No customer matches." : results.size() + " customer(s) found.",
                new Found(results, next));
    }

    private static Result result(SearchStore.Hit hit, List<MetadataStore.Entry> metadata) {
        Customer c = hit.customer();
        List<Highlight> highlights = hit.scores().entrySet().stream()
                .filter(e -> e.getValue() >= SearchStore.MATCH)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(e -> new Highlight(e.getKey(), valueOf(e.getKey(), hit)))
                .filter(h -> h.value() != null)
                .toList();
        return new Result(c.customerId(), name(c), c.email(), c.phone(), c.address(), c.internalId(), c.status(),
                c.lifecycleStage(), metadata, highlights,
                BigDecimal.valueOf(Math.min(1, hit.score())).setScale(3, RoundingMode.HALF_UP), DETAILS_URL + c.customerId());
    }

    private static String valueOf(String field, SearchStore.Hit hit) {
        Customer c = hit.customer();
        Address a = c.address();
        return switch (field) {
            case "name" -> name(c);
            case "email" -> c.email();
            case "phone" -> c.phone();
            case "company" -> c.company();
            case "internal_id" -> c.internalId();
            case "address" -> joined(Stream.of(a.line1(), a.line2(), a.city(), a.state(), a.zip(), a.country()));
            case "metadata" -> hit.metadataName() == null ? null : hit.metadataName() + ": " + hit.metadataValue();
            default -> null;
        };
    }

    private static String name(Customer c) {
        return joined(Stream.of(c.firstName(), c.lastName()));
    }

    private static String joined(Stream<String> parts) {
        String s = parts.filter(Objects::nonNull).collect(Collectors.joining(" "));
        return s.isEmpty() ? null : s;
    }

    /** The digits of a term that looks like a phone number (6 or more digits), without leading zeros; else "". */
    static String phoneDigits(String term) {
        if (!term.matches("[+0-9 ()./-]+")) return "";
        String digits = term.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        return digits.length() >= 6 ? digits : "";
    }

    private static int offset(String cursor) {
        if (cursor == null) return 0;
        try {
            int offset = Integer.parseInt(cursor);
            if (offset > 0 && offset < MAX_RESULTS) return offset;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.validation("/cursor", "is not a cursor this search gave; send next_cursor from the previous page,"
                + " with the same search_term and filters");
    }
}
