package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.GatewayResponse;
import io.clientele.commerce.Refund;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.Sales;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;

public final class CreateRefundOperation implements Operation<CreateRefundOperation.Input> {
    record Input(String saleId, String productSaleId, BigDecimal amount, String reason, GatewayResponse transaction) {}

    record Created(String refundId, Refund refund, String saleId, SaleStatus saleStatus, BigDecimal saleRefunded,
                   String saleTransactionId) {}

    private final Sales sales;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateRefund")
            .loggedAs("refund", "create")
            .writes()
            .description("""
                    Record a refund of a paid or partially refunded sale, or of one of its product sales
                    (product_sale_id). amount defaults to everything left to refund (of the line, when one is named)
                    and may not exceed it. The sale becomes partially_refunded, or refunded once refunds reach its
                    total. transaction records the gateway's answer to the refund. Updates the customer's lifetime
                    value (refunded, net). Emits refund.created, and sale.updated.refunded.partial or
                    sale.updated.refunded.full when the sale's status changes.""")
            .schemas(Input.class,
                    object("CreateRefund input.")
                            .required("sale_id", id("The sale to refund."))
                            .property("product_sale_id", id("The product sale to refund, when refunding one line."))
                            .property("amount", Schemas.money("How much to give back; more than 0; default: all that is left."))
                            .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. damaged in transit."))
                            .property("transaction", SaleSchemas.gatewayResponse("The gateway's answer to the refund;"
                                    + " records a refund transaction."))
                            .build(),
                    object("CreateRefund output.")
                            .required("refund_id", id("The refund."))
                            .required("refund", SaleSchemas.refund())
                            .required("sale_id", id("The sale."))
                            .required("sale_status", SaleSchemas.status("The sale's status now."))
                            .required("sale_refunded", SaleSchemas.amount("Σ refunds of the sale now."))
                            .required("sale_transaction_id", nullable(id("The transaction recorded, if any.")))
                            .build());

    public CreateRefundOperation(Sales sales) {
        this.sales = sales;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Sales.Refunded r = sales.refund(tx, in.saleId(), in.productSaleId(), in.amount(), in.reason(), in.transaction());
        return Outcome.of("Refunded " + r.refund().amount().toPlainString() + "; the sale is " + r.after().status().wire() + ".",
                new Created(r.refund().refundId(), r.refund(), in.saleId(), r.after().status(), r.after().refunded(),
                        r.transaction() == null ? null : r.transaction().saleTransactionId()));
    }
}
