package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.SaleDetails;
import io.clientele.commerce.Sales;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class GetSaleOperation implements Operation<GetSaleOperation.Input> {
    record Input(String saleId) {}

    private final Sales sales;
    private final OperationSpec<Input> spec = OperationSpec.named("GetSale")
            .loggedAs("sale", "get")
            .reads()
            .description("""
                    Read one sale with its product sales (in the order recorded), its payment gateway transactions and
                    its refunds, chargebacks, PayPal disputes, fraud detections and shipments (oldest first). A sale of a deleted customer is not found, like the customer.""")
            .schemas(Input.class,
                    object("GetSale input.").required("sale_id", id("The sale's 20-character id.")).build(),
                    object("GetSale output.")
                            .required("sale", SaleSchemas.sale())
                            .required("product_sales", array(SaleSchemas.productSale(), Sales.MAX_PRODUCT_SALES, "Its lines."))
                            .required("transactions", array(SaleSchemas.transaction(), 10_000, "Gateway attempts, oldest first."))
                            .required("refunds", array(SaleSchemas.refund(), 10_000, "Refunds, oldest first."))
                            .required("chargebacks", array(SaleSchemas.chargeback(), 10_000, "Chargebacks, oldest first."))
                            .required("paypal_disputes", array(SaleSchemas.paypalDispute(), 10_000, "PayPal disputes, oldest first."))
                            .required("fraud_detections", array(SaleSchemas.fraudDetection(), 10_000,
                                    "Fraud detections on the sale, oldest first."))
                            .required("shipments", array(ShippingSchemas.shipping(), 10_000, "Its shipments, oldest first."))
                            .build());

    public GetSaleOperation(Sales sales) {
        this.sales = sales;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        SaleDetails details = sales.get(tx, input.saleId());
        return Outcome.of("Sale found.", details);
    }
}
