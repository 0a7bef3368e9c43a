package io.clientele.customer.internal;

import io.clientele.customer.Customer;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

public final class GetCustomersOperation implements Operation<GetCustomersOperation.Input> {
    record Input(String status, String lifecycleStage, String tag, String campaignId, Instant createdFrom,
                 Instant createdTo, String order, Integer limit, String cursor) {}

    record Page(List<Customer> customers, String nextCursor) {}

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final CustomerStore store;
    private final OperationSpec<Input> spec = OperationSpec.named("GetCustomers")
            .loggedAs("customer", "list")
            .reads()
            .description("""
                    List customers, newest first by default, one page at a time. Filters combine with AND: status,
                    lifecycle_stage, tag (customers having that tag), campaign_id, and a created_at range
                    (created_from inclusive, created_to exclusive, ISO-8601 UTC). Pass next_cursor from a page to
                    get the next one, with the same filters and order; next_cursor is null on the last page.
                    Deleted customers are never listed. For counts and aggregates use reporting, not paging.""")
            .schemas(Input.class,
                    object("GetCustomers input.")
                            .property("status", enumOf("Only customers with this status.", Customer.STATUSES))
                            .property("lifecycle_stage", enumOf("Only customers in this stage.", Customer.LIFECYCLE_STAGES))
                            .property("tag", string(50, "Only customers that have this tag."))
                            .property("campaign_id", id("Only customers of this campaign."))
                            .property("created_from", timestamp("Created at or after this time."))
                            .property("created_to", timestamp("Created before this time."))
                            .property("order", enumOf("newest_first (default) or oldest_first, by created_at.",
                                    List.of("newest_first", "oldest_first")))
                            .property("limit", integer(1, MAX_LIMIT, "Page size, default " + DEFAULT_LIMIT + "."))
                            .property("cursor", string(200, "next_cursor from the previous page."))
                            .build(),
                    object("GetCustomers output.")
                            .required("customers", array(CustomerSchemas.customer(), MAX_LIMIT, "This page."))
                            .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                            .build());

    public GetCustomersOperation(CustomerStore store) {
        this.store = store;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        int limit = Objects.requireNonNullElse(in.limit(), DEFAULT_LIMIT);
        boolean newestFirst = !"oldest_first".equals(in.order());
        if (in.createdFrom() != null && in.createdTo() != null && !in.createdFrom().isBefore(in.createdTo())) {
            throw Problem.validation("/created_to", "must be later than created_from");
        }
        List<Customer> rows = store.list(tx, new CustomerStore.Filter(in.status(), in.lifecycleStage(), in.tag(),
                in.campaignId(), in.createdFrom(), in.createdTo(), newestFirst, PageCursor.decode(in.cursor()), limit));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Customer last = rows.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.customerId()).encode();
        }
        String result = rows.isEmpty() ? "No customers match." : rows.size() + " customer(s) listed.";
        return Outcome.of(result, new Page(rows, next));
    }
}
