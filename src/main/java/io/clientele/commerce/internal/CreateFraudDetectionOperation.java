package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.commerce.Disputes;
import io.clientele.commerce.FraudDetection;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class CreateFraudDetectionOperation implements Operation<CreateFraudDetectionOperation.Input> {
    record Input(String customerId, String saleId, String source, Integer score, String reason) {}

    record Created(String fraudDetectionId, FraudDetection fraudDetection) {}

    private final Disputes disputes;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateFraudDetection")
            .loggedAs("fraud_detection", "create")
            .writes()
            .description("""
                    Record a fraud detection on a sale (sale_id; the customer is the sale's) or on a customer
                    (customer_id); when both are sent the sale must be the customer's. source, score (0 to 100) and
                    reason are optional. Updates the customer's lifetime value (num_fraud_detection). Emits
                    fraud_detection.created.""")
            .schemas(Input.class,
                    object("CreateFraudDetection input.")
                            .property("customer_id", id("The customer; required without sale_id."))
                            .property("sale_id", id("The sale it is about; required without customer_id."))
                            .property("source", string(SaleSchemas.SOURCE_LENGTH, "Who detected it, e.g. the fraud service's name."))
                            .property("score", integer(0, 100, "Its score, 0 to 100."))
                            .property("reason", string(SaleSchemas.REASON_LENGTH, "Why, e.g. card used from three countries."))
                            .build(),
                    object("CreateFraudDetection output.")
                            .required("fraud_detection_id", id("The fraud detection."))
                            .required("fraud_detection", SaleSchemas.fraudDetection())
                            .build());

    public CreateFraudDetectionOperation(Disputes disputes) {
        this.disputes = disputes;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        FraudDetection f = disputes.fraudDetection(tx, in.saleId(), in.customerId(), in.source(), in.score(), in.reason());
        return Outcome.of("Fraud detection recorded on customer " + f.customerId()
                + (f.saleId() == null ? "." : ", sale " + f.saleId() + "."), new Created(f.fraudDetectionId(), f));
    }
}
