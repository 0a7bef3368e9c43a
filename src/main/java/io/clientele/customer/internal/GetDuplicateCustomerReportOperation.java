package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.CustomerMatcher;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

/** {@code GetDuplicateCustomerReport}: likely duplicate pairs across the tenant. */
public final class GetDuplicateCustomerReportOperation implements Operation<GetDuplicateCustomerReportOperation.Input> {
    record Input(Integer minConfidence, Integer limit) {}

    record Report(List<CustomerMatcher.Pair> pairs) {}

    static final int MAX_LIMIT = 500;

    private final CustomerMatcher matcher;
    private final OperationSpec<Input> spec = OperationSpec.named("GetDuplicateCustomerReport")
            .loggedAs("customer", "duplicate_report")
            .reads()
            .description("""
                    List pairs of live customers that are likely the same person, strongest first: customers sharing
                    an email (confidence 100) or a phone in E.164 (90), and the duplicates suggested when
                    CreateCustomer with match "find_or_create" found only a weaker match (a similar name, an
                    address) and created the customer anyway. A pair's keys combine (email and phone: 100).
                    Blocklisted values (AddMatchBlocklistEntry) are never evidence. Review a pair with GetCustomer
                    on both ids.""")
            .schemas(Input.class,
                    object("GetDuplicateCustomerReport input.")
                            .property("min_confidence", integer(0, 100, "Leave out pairs below this confidence (default 90)."))
                            .property("limit", integer(1, MAX_LIMIT, "At most this many pairs (default 100)."))
                            .build(),
                    object("GetDuplicateCustomerReport output.")
                            .required("pairs", array(object("Two customers that are likely one person.")
                                    .required("customer_id", id("One customer."))
                                    .required("duplicate_customer_id", id("The other."))
                                    .required("confidence", integer(0, 100, "How sure, 0 to 100."))
                                    .required("matched_keys", CustomerSchemas.matchedKeys())
                                    .build(), MAX_LIMIT, "Strongest first."))
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
        List<CustomerMatcher.Pair> pairs = matcher.pairs(tx, Objects.requireNonNullElse(in.minConfidence(), 90),
                Objects.requireNonNullElse(in.limit(), 100));
        return Outcome.of(pairs.isEmpty() ? "No likely duplicates." : pairs.size() + " likely duplicate pair(s).", new Report(pairs));
    }
}
