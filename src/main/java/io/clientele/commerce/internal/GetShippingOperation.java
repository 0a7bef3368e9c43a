package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;

import io.clientele.commerce.Shipments;
import io.clientele.commerce.Shipping;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;

public final class GetShippingOperation implements Operation<GetShippingOperation.Input> {
    record Input(String shippingId) {}

    record Found(Shipping shipping) {}

    private final Shipments shipments;
    private final OperationSpec<Input> spec = OperationSpec.named("GetShipping")
            .loggedAs("shipping", "get")
            .reads()
            .description("""
                    Read one shipment. GetSale lists a sale's shipments. A shipment of a deleted customer is not found,
                    like the customer.""")
            .schemas(Input.class,
                    object("GetShipping input.").required("shipping_id", id("The shipment's 20-character id.")).build(),
                    object("GetShipping output.").required("shipping", ShippingSchemas.shipping()).build());

    public GetShippingOperation(Shipments shipments) {
        this.shipments = shipments;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        return Outcome.of("Shipment found.", new Found(shipments.get(tx, in.shippingId())));
    }
}
