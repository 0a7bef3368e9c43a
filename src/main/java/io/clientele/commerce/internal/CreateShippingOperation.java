package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.commerce.Shipments;
import io.clientele.commerce.Shipping;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.time.Instant;

public final class CreateShippingOperation implements Operation<CreateShippingOperation.Input> {
    record Input(String saleId, String carrier, String trackingNumber, String trackingUrl, Instant shippedAt) {}

    record Created(String shippingId, Shipping shipping) {}

    private final Shipments shipments;
    private final OperationSpec<Input> spec = OperationSpec.named("CreateShipping")
            .loggedAs("shipping", "create")
            .writes()
            .description("""
                    Record a shipment of a paid (or partially or fully refunded) sale, with its carrier and tracking.
                    It is created, or shipped when shipped_at is sent. Move it on with EditShipping. Emits
                    shipping.created, and shipping.updated.shipped when created shipped.""")
            .schemas(Input.class,
                    object("CreateShipping input.")
                            .required("sale_id", id("The sale shipped."))
                            .property("carrier", ShippingSchemas.carrier("The carrier, e.g. UPS."))
                            .property("tracking_number", ShippingSchemas.trackingNumber("The carrier's tracking number."))
                            .property("tracking_url", ShippingSchemas.trackingUrl("Where to track it; http or https."))
                            .property("shipped_at", timestamp("When it was shipped, if it was (UTC)."))
                            .build(),
                    object("CreateShipping output.")
                            .required("shipping_id", id("The shipment."))
                            .required("shipping", ShippingSchemas.shipping())
                            .build());

    public CreateShippingOperation(Shipments shipments) {
        this.shipments = shipments;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Shipping s = shipments.create(tx, in.saleId(), new Shipments.Tracking(in.carrier(), in.trackingNumber(), in.trackingUrl()),
                in.shippedAt());
        return Outcome.of("Shipment recorded as " + s.status().wire() + ".", new Created(s.shippingId(), s));
    }
}
