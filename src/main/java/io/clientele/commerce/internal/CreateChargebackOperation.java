package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Chargeback;
import io.clientele.commerce.Disputes;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.Schemas;
import io.clientele.platform.Tx;
import java.math.BigDecimal;

public final class CreateChargebackOperation implements Operation<CreateChargebackOperation.Input> {
    record Input(String saleId, BigDecimal amount, String reason) {}

    record Created(String chargebackId, Chargeback chargeback) {}

    private final Disputes disputes;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateChargeback")
            .loggedAs("chargeback", "create")
            .writes()
            .description("""
                    Record a chargeback: money the customer's bank took back on a paid, partially refunded or refunded
                    sale. amount is more than 0 (default: all of the total not charged back yet), and the sale's
                    chargebacks together may not exceed its total. The
                    sale's status and refunded amount do not change. Updates the customer's lifetime value
                    (num_chargeback, chargeback_amount, net). Emits chargeback.created.""")
            .schemas(Input.class,
                    object("CreateChargeback input.")
                            .required("sale_id", id("The sale charged back."))
                            .property("amount", Schemas.money("How much the bank took back; more than 0; default: all not charged back yet."))
                            .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. the bank's reason code."))
                            .build(),
                    object("CreateChargeback output.")
                            .required("chargeback_id", id("The chargeback."))
                            .required("chargeback", SaleSchemas.chargeback())
                            .build());

    public CreateChargebackOperation(Disputes disputes) {
        this.disputes = disputes;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Chargeback c = disputes.chargeback(tx, in.saleId(), in.amount(), in.reason());
        return Outcome.of("Chargeback of " + c.amount().toPlainString() + " recorded on sale " + c.saleId() + ".",
                new Created(c.chargebackId(), c));
    }
}
