package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Subscription;
import io.clientele.commerce.SubscriptionStatus;
import io.clientele.commerce.Subscriptions;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

public final class GetSubscriptionsOperation implements Operation<GetSubscriptionsOperation.Input> {
    record Input(String customerId, SubscriptionStatus status, Integer limit, String cursor) {}

    record Page(String customerId, List<Subscription> subscriptions, String nextCursor) {}

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("GetSubscriptions")
            .loggedAs("subscription", "list")
            .reads()
            .description("""
                    List a customer's subscriptions, newest recorded first, one page at a time; status keeps only those in
                    that status (trial lists its trials). Pass next_cursor from a page to get the next one with the
                    same filter; it is null on the last page. Renewals are in GetSubscription.""")
            .schemas(Input.class,
                    object("GetSubscriptions input.")
                            .required("customer_id", id("The customer."))
                            .property("status", SubscriptionSchemas.status("Only subscriptions in this status."))
                            .property("limit", integer(1, MAX_LIMIT, "Page size, default " + DEFAULT_LIMIT + "."))
                            .property("cursor", string(200, "next_cursor from the previous page."))
                            .build(),
                    object("GetSubscriptions output.")
                            .required("customer_id", id("The customer."))
                            .required("subscriptions", array(SubscriptionSchemas.subscription(), MAX_LIMIT, "This page, newest first."))
                            .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                            .build());

    public GetSubscriptionsOperation(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        int limit = Objects.requireNonNullElse(in.limit(), DEFAULT_LIMIT);
        Subscriptions.Page page = subscriptions.list(tx, in.customerId(), in.status(), PageCursor.decode(in.cursor()), limit);
        String result = page.subscriptions().isEmpty() ? "No subscriptions match."
                : page.subscriptions().size() + " subscription(s) listed.";
        return Outcome.of(result, new Page(in.customerId(), page.subscriptions(), page.nextCursor()));
    }
}
