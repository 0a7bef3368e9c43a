package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Disputes;
import io.clientele.commerce.PaypalDispute;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;

public final class CreatePaypalDisputeOperation implements Operation<CreatePaypalDisputeOperation.Input> {
    record Input(String saleId, BigDecimal amount, String reason) {}

    record Created(String paypalDisputeId, PaypalDispute paypalDispute) {}

    private final Disputes disputes;
    private final OperationSpec<Input> spec = OperationSpec.named("CreatePaypalDispute")
            .loggedAs("paypal_dispute", "create")
            .writes()
            .description("""
                    Record a PayPal dispute the customer opened over a sale. amount is more than 0 and at most the
                    sale's total (its default). Updates the customer's lifetime value (num_paypal_dispute, paypal_dispute_amount);
                    net does not change, since a dispute is not money lost (a lost one becomes a refund or a
                    chargeback, recorded as such). Emits paypal_dispute.created.""")
            .schemas(Input.class,
                    object("CreatePaypalDispute input.")
                            .required("sale_id", id("The sale disputed."))
                            .property("amount", Schemas.money("How much is disputed; more than 0; default: the sale's total."))
                            .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. item not received."))
                            .build(),
                    object("CreatePaypalDispute output.")
                            .required("paypal_dispute_id", id("The dispute."))
                            .required("paypal_dispute", SaleSchemas.paypalDispute())
                            .build());

    public CreatePaypalDisputeOperation(Disputes disputes) {
        this.disputes = disputes;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        PaypalDispute d = disputes.paypalDispute(tx, in.saleId(), in.amount(), in.reason());
        return Outcome.of("PayPal dispute of " + d.amount().toPlainString() + " recorded on sale " + d.saleId() + ".",
                new Created(d.paypalDisputeId(), d));
    }
}
