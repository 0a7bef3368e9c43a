package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.customer.CustomerMatcher;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

/** {@code GetDuplicateCustomerReport}: likely duplicate pairs across the tenant. */
public final class GetDuplicateCustomerReportOperation implements Operation<GetDuplicateCustomerReportOperation.Input> {
    record Input(Integer minConfidence, Integer limit, String cursor) {}

    record Report(List<CustomerMatcher.Pair> pairs, String nextCursor) {}

    static final int MAX_LIMIT = 500;

    private final CustomerMatcher matcher;
    private final OperationSpec<Input> spec = OperationSpec.named("GetDuplicateCustomerReport")
            .loggedAs("customer", "duplicate_report")
            .reads()
            .description("""
                    List pairs of live customers that are likely the same person, a page at a time. First, strongest
                    first: customers sharing an email (confidence 100) or a phone in E.164 (90), and the duplicates
                    suggested when CreateCustomer with match "find_or_create" found only a weaker match and created
                    the customer anyway; a pair's keys combine (email and phone: 100). Then customers whose names are
                    similar (trigram similarity 0.5 or more, accents and case ignored) and sound alike (the same
                    soundex of surname and of first name): 70 to 90 by similarity, 95 with the same address too,
                    grouped by how the names sound. Blocklisted values (AddMatchBlocklistEntry) are never evidence.
                    Send next_cursor as cursor for the next page. Review a pair with GetCustomer on both ids, and
                    join them with MergeCustomers.""")
            .schemas(Input.class,
                    object("GetDuplicateCustomerReport input.")
                            .property("min_confidence", integer(0, 100, "Leave out pairs below this confidence (default 90)."))
                            .property("limit", integer(1, MAX_LIMIT, "At most this many pairs (default 100)."))
                            .property("cursor", string(60, "next_cursor from the previous page (with the same min_confidence)."))
                            .build(),
                    object("GetDuplicateCustomerReport output.")
                            .required("pairs", array(object("Two customers that are likely one person.")
                                    .required("customer_id", id("One customer."))
                                    .required("duplicate_customer_id", id("The other."))
                                    .required("confidence", integer(0, 100, "How sure, 0 to 100."))
                                    .required("matched_keys", CustomerSchemas.matchedKeys())
                                    .build(), MAX_LIMIT, "Pairs sharing an email or phone and stored suggestions, strongest first; then similar names."))
                            .required("next_cursor", nullable(string(60, "Cursor of the next page; null on the last page.")))
                            .build());

    public GetDuplicateCustomerReportOperation(CustomerMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        CustomerMatcher.PairPage page = matcher.pairs(tx, Objects.requireNonNullElse(in.minConfidence(), 90),
                Objects.requireNonNullElse(in.limit(), 100), in.cursor());
        List<CustomerMatcher.Pair> pairs = page.pairs();
        return Outcome.of(pairs.isEmpty() ? "No likely duplicates." : pairs.size() + " likely duplicate pair(s).",
                new Report(pairs, page.nextCursor()));
    }
}
