package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.commerce.NewSale;
import io.clientele.commerce.ProductSale;
import io.clientele.commerce.Sale;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.SaleTransaction;
import io.clientele.commerce.Sales;
import io.clientele.customer.CustomerDraft;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.math.BigDecimal;
import java.util.List;

public final class CreateSaleOperation implements Operation<NewSale> {
    record Created(String saleId, String customerId, boolean created, boolean customerCreated, SaleStatus status,
                   BigDecimal total, List<String> productSaleIds, String saleTransactionId) {}

    private final Sales sales;
    private final OperationSpec<NewSale> spec = OperationSpec.named("CreateSale")
            .loggedAs("sale", "create")
            .writes()
            .description("""
                    Record a sale: its customer, its product sales (1 to 100 lines of product_id and quantity; price
                    defaults to the catalogue price; discount, tax and shipping per line default to 0) and its status:
                    paid, pending_declined (payment declined, may be salvaged), pending_abandoned (checkout abandoned,
                    may be salvaged) or failed_declined (declined for good). Name the customer by customer_id, or send
                    customer with contact details: the newest live customer with that email (compared lower-cased) is
                    used, and one is created when none has it (customer.created is emitted first). Amounts are numbers
                    with at most 2 decimals; the sale's amounts are the sums of its lines. sold_at defaults to now (send
                    it when loading history). external_id is your id of the sale: sending the same request again answers
                    the recorded sale (created: false) and writes nothing; a different request under the same
                    external_id is a conflict. transaction records the gateway's answer to the payment attempt.
                    Updates the customer's lifetime value. Emits sale.created.success.paid, sale.created.pending.declined,
                    sale.created.pending.abandoned or sale.created.failed.declined.""")
            .schemas(NewSale.class, input(), object("CreateSale output.")
                    .required("sale_id", id("The sale."))
                    .required("customer_id", id("Its customer."))
                    .required("created", bool("True when this call recorded the sale; false when external_id named a sale already recorded from the same request."))
                    .required("customer_created", bool("True when this call created the customer from the contact details."))
                    .required("status", SaleSchemas.status("The sale's status."))
                    .required("total", SaleSchemas.amount("The sale's total."))
                    .required("product_sale_ids", array(id("A product sale's id."), Sales.MAX_PRODUCT_SALES, "The product sales' ids, in the order sent."))
                    .required("sale_transaction_id", nullable(id("The transaction recorded with it, if any.")))
                    .build());

    public CreateSaleOperation(Sales sales) {
        this.sales = sales;
    }

    static ObjectNode input() {
        ObjectNode customer = CustomerDraft.jsonSchema("The customer's contact details, when the sale does not name a customer_id:"
                + " matched by email, created when no live customer has it. Ignored fields of a matched customer do not change it.");
        customer.putArray("required").add("email");
        return object("CreateSale input.")
                .property("customer_id", id("The customer who bought. Send this or customer, not both."))
                .property("customer", customer)
                .property("external_id", nonEmptyString(SaleSchemas.EXTERNAL_ID_LENGTH, "Your id of the sale, unique in your account; makes resending the same request safe."))
                .required("status", enumOf("paid, pending_declined, pending_abandoned or failed_declined.", SaleStatus.wires(SaleStatus.INITIAL)))
                .property("campaign_id", id("The campaign the sale came from (must exist)."))
                .property("third_party_shop_id", id("The third-party shop it was sold through (must exist)."))
                .property("sold_at", timestamp("When it was sold (ISO-8601); default now; not in the future."))
                .required("product_sales", array(SaleSchemas.newProductSale(), Sales.MAX_PRODUCT_SALES,
                        "The products sold, 1 to " + Sales.MAX_PRODUCT_SALES + ".").put("minItems", 1))
                .property("transaction", SaleSchemas.gatewayResponse("The gateway's answer to the payment attempt; records a"
                        + " sale transaction for the total, successful when the status is paid."))
                .build();
    }

    @Override
    public OperationSpec<NewSale> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, NewSale input) {
        Sales.Recorded r = sales.create(tx, input);
        Sale sale = r.details().sale();
        List<SaleTransaction> transactions = r.details().transactions();
        String result = !r.created() ? "Sale " + sale.saleId() + " was already recorded with this external_id; nothing changed."
                : "Sale recorded as " + sale.status().wire() + (r.customerCreated() ? ", with a new customer." : ".");
        return Outcome.of(result, new Created(sale.saleId(), sale.customerId(), r.created(), r.customerCreated(), sale.status(),
                sale.total(), r.details().productSales().stream().map(ProductSale::productSaleId).toList(),
                transactions.isEmpty() ? null : transactions.get(0).saleTransactionId()));
    }
}
