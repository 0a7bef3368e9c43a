package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Sale;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.Sales;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

public final class GetSalesOperation implements Operation<GetSalesOperation.Input> {
    record Input(String customerId, SaleStatus status, Integer limit, String cursor) {}

    record Page(String customerId, List<Sale> sales, String nextCursor) {}

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private final Sales sales;
    private final OperationSpec<Input> spec = OperationSpec.named("GetSales")
            .loggedAs("sale", "list")
            .reads()
            .description("""
                    List a customer's sales, newest sold first, one page at a time; status keeps only sales in that
                    status. Pass next_cursor from a page to get the next one with the same filter; it is null on the
                    last page. Lines, transactions and refunds are in GetSale; totals per customer in GetLifetimeValue.""")
            .schemas(Input.class,
                    object("GetSales input.")
                            .required("customer_id", id("The customer."))
                            .property("status", SaleSchemas.status("Only sales in this status."))
                            .property("limit", integer(1, MAX_LIMIT, "Page size, default " + DEFAULT_LIMIT + "."))
                            .property("cursor", string(200, "next_cursor from the previous page."))
                            .build(),
                    object("GetSales output.")
                            .required("customer_id", id("The customer."))
                            .required("sales", SaleSchemas.sales("This page, newest sold first."))
                            .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                            .build());

    public GetSalesOperation(Sales sales) {
        this.sales = sales;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        int limit = Objects.requireNonNullElse(in.limit(), DEFAULT_LIMIT);
        Sales.Page page = sales.list(tx, in.customerId(), in.status(), PageCursor.decode(in.cursor()), limit);
        String result = page.sales().isEmpty() ? "No sales match." : page.sales().size() + " sale(s) listed.";
        return Outcome.of(result, new Page(in.customerId(), page.sales(), page.nextCursor()));
    }
}
