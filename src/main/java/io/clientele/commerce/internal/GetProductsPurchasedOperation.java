package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.ProductPurchased;
import io.clientele.customer.Customers;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Problem;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

/** Every product a customer bought, with its figures, one page at a time (one aggregate statement a page). */
public final class GetProductsPurchasedOperation implements Operation<GetProductsPurchasedOperation.Input> {
    record Input(String customerId, Integer limit, String cursor) {}

    record Page(String customerId, List<ProductPurchased> products, String nextCursor) {}

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Customers customers;
    private final PurchaseHistoryStore history;
    private final OperationSpec<Input> spec = OperationSpec.named("GetProductsPurchased")
            .loggedAs("product", "list")
            .reads()
            .description("""
                    List the products a customer bought, most recently bought first: per product its name, internal id
                    and SKU, quantity, average unit price, gross (Σ line totals), refunded, how many sales included it,
                    and the first and last purchase dates. Only successful sales count (paid, partially refunded,
                    refunded); declined, abandoned, failed and void sales bought nothing. Pass next_cursor from a page
                    to get the next; it is null on the last page.""")
            .schemas(Input.class,
                    object("GetProductsPurchased input.")
                            .required("customer_id", id("The customer."))
                            .property("limit", integer(1, MAX_LIMIT, "Page size, default " + DEFAULT_LIMIT + "."))
                            .property("cursor", string(200, "next_cursor from the previous page."))
                            .build(),
                    object("GetProductsPurchased output.")
                            .required("customer_id", id("The customer."))
                            .required("products", PurchaseSchemas.productsPurchased(MAX_LIMIT, "This page, most recently bought first."))
                            .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                            .build());

    public GetProductsPurchasedOperation(Customers customers, PurchaseHistoryStore history) {
        this.customers = customers;
        this.history = history;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        if (customers.find(tx, in.customerId()).isEmpty()) throw Problem.notFound("customer", in.customerId());
        int limit = Objects.requireNonNullElse(in.limit(), DEFAULT_LIMIT);
        List<ProductPurchased> rows = history.productsPurchased(tx, in.customerId(), PageCursor.decode(in.cursor()), limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ProductPurchased last = rows.getLast();
            next = new PageCursor(last.lastPurchasedAt(), last.productId()).encode();
        }
        String result = rows.isEmpty() ? "The customer bought nothing yet." : rows.size() + " product(s) listed.";
        return Outcome.of(result, new Page(in.customerId(), rows, next));
    }
}
