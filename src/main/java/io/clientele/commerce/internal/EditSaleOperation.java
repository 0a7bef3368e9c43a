package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.GatewayResponse;
import io.clientele.commerce.Sale;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.Sales;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class EditSaleOperation implements Operation<EditSaleOperation.Input> {
    record Input(String saleId, SaleStatus status, GatewayResponse transaction) {}

    record Edited(String saleId, SaleStatus previousStatus, Sale sale, String saleTransactionId) {}

    private final Sales sales;
    private final OperationSpec<Input> spec = OperationSpec.named("EditSale")
            .loggedAs("sale", "edit")
            .writes()
            .description("""
                    Move a sale to a new status. Allowed: pending_declined or pending_abandoned to paid (the sale was
                    salvaged) or to failed_declined (it will not be); paid to void. Any other move is a conflict that
                    names the moves allowed from the sale's status; refunds are recorded with CreateRefund.
                    transaction records the gateway's answer: a charge for the total (successful when the sale
                    becomes paid), or a void. Updates the customer's lifetime value. Emits sale.updated.success.paid,
                    sale.updated.failed.declined or sale.updated.void.""")
            .schemas(Input.class,
                    object("EditSale input.")
                            .required("sale_id", id("The sale."))
                            .required("status", enumOf("paid, failed_declined or void.", SaleStatus.wires(SaleStatus.EDIT_TARGETS)))
                            .property("transaction", SaleSchemas.gatewayResponse("The gateway's answer to the attempt that"
                                    + " made this change; records a sale transaction."))
                            .build(),
                    object("EditSale output.")
                            .required("sale_id", id("The sale."))
                            .required("previous_status", SaleSchemas.status("Its status before."))
                            .required("sale", SaleSchemas.sale())
                            .required("sale_transaction_id", nullable(id("The transaction recorded, if any.")))
                            .build());

    public EditSaleOperation(Sales sales) {
        this.sales = sales;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Sales.Transition t = sales.transition(tx, in.saleId(), in.status(), in.transaction());
        return Outcome.of("Sale is now " + t.after().status().wire() + " (was " + t.before().status().wire() + ").",
                new Edited(in.saleId(), t.before().status(), t.after(),
                        t.transaction() == null ? null : t.transaction().saleTransactionId()));
    }
}
