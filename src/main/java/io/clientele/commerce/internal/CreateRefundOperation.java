package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.GatewayResponse;
import io.clientele.commerce.Refund;
import io.clientele.commerce.SaleStatus;
import io.clientele.commerce.Sales;
import io.clientele.commerce.Subscriptions;
import io.clientele.platform.Problem;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;

public final class CreateRefundOperation implements Operation<CreateRefundOperation.Input> {
    record Input(String saleId, String productSaleId, String subscriptionRenewalId, BigDecimal amount, String reason,
                 GatewayResponse transaction) {}

    record Created(String refundId, Refund refund, String saleId, SaleStatus saleStatus, BigDecimal saleRefunded,
                   String saleTransactionId, String subscriptionRenewalId, BigDecimal subscriptionRenewalRefunded) {}

    private final Sales sales;
    private final Subscriptions subscriptions;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateRefund")
            .loggedAs("refund", "create")
            .writes()
            .description("""
                    Record a refund of a paid or partially refunded sale, or of one of its product sales
                    (product_sale_id), or of a successful subscription renewal (subscription_renewal_id instead of
                    sale_id). amount defaults to everything left to refund (of the line or renewal, when one is named)
                    and may not exceed it. The sale becomes partially_refunded, or refunded once refunds reach its
                    total; a renewal stays success and its refunded grows. transaction (sales only) records the
                    gateway's answer to the refund. Updates the customer's lifetime value (refunded, net). Emits
                    refund.created, and sale.updated.refunded.partial or sale.updated.refunded.full when the sale's
                    status changes.""")
            .schemas(Input.class,
                    object("CreateRefund input.")
                            .property("sale_id", id("The sale to refund; or send subscription_renewal_id."))
                            .property("product_sale_id", id("The product sale to refund, when refunding one line."))
                            .property("subscription_renewal_id", id("The subscription renewal to refund, instead of a sale."))
                            .property("amount", Schemas.money("How much to give back; more than 0; default: all that is left."))
                            .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. damaged in transit."))
                            .property("transaction", SaleSchemas.gatewayResponse("The gateway's answer to the refund;"
                                    + " records a refund transaction."))
                            .build(),
                    object("CreateRefund output.")
                            .required("refund_id", id("The refund."))
                            .required("refund", SaleSchemas.refund())
                            .required("sale_id", nullable(id("The sale; null for a renewal's refund.")))
                            .required("sale_status", nullable(SaleSchemas.status("The sale's status now.")))
                            .required("sale_refunded", nullable(SaleSchemas.amount("Σ refunds of the sale now.")))
                            .required("sale_transaction_id", nullable(id("The transaction recorded, if any.")))
                            .required("subscription_renewal_id", nullable(id("The renewal; null for a sale's refund.")))
                            .required("subscription_renewal_refunded", nullable(SaleSchemas.amount("Σ refunds of the renewal now.")))
                            .build());

    public CreateRefundOperation(Sales sales, Subscriptions subscriptions) {
        this.sales = sales;
        this.subscriptions = subscriptions;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        if (in.subscriptionRenewalId() != null) {
            if (in.saleId() != null || in.productSaleId() != null || in.transaction() != null) {
                String field = in.saleId() != null ? "sale_id" : in.productSaleId() != null ? "product_sale_id" : "transaction";
                throw Problem.validation("/" + field, "a refund of a subscription renewal takes no " + field
                        + "; send either sale_id (and product_sale_id, transaction) or subscription_renewal_id");
            }
            Subscriptions.Refunded r = subscriptions.refundRenewal(tx, in.subscriptionRenewalId(), in.amount(), in.reason());
            return Outcome.of("Refunded " + r.refund().amount().toPlainString() + " of the subscription renewal.",
                    new Created(r.refund().refundId(), r.refund(), null, null, null, null, in.subscriptionRenewalId(),
                            r.renewal().refunded()));
        }
        if (in.saleId() == null) {
            throw Problem.validation("/sale_id", "required: the sale to refund, or subscription_renewal_id for a renewal");
        }
        Sales.Refunded r = sales.refund(tx, in.saleId(), in.productSaleId(), in.amount(), in.reason(), in.transaction());
        return Outcome.of("Refunded " + r.refund().amount().toPlainString() + "; the sale is " + r.after().status().wire() + ".",
                new Created(r.refund().refundId(), r.refund(), in.saleId(), r.after().status(), r.after().refunded(),
                        r.transaction() == null ? null : r.transaction().saleTransactionId(), null, null));
    }
}
