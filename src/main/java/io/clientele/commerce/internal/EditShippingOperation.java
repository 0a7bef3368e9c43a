package io.clientele.commerce.internal;

import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.commerce.Shipments;
import io.clientele.commerce.Shipping;
import io.clientele.commerce.ShippingStatus;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Tx;
import java.time.Instant;

public final class EditShippingOperation implements Operation<EditShippingOperation.Input> {
    record Input(String shippingId, ShippingStatus status, Instant at, String carrier, String trackingNumber,
                 String trackingUrl) {}

    record Edited(String shippingId, ShippingStatus previousStatus, Shipping shipping) {}

    private final Shipments shipments;
    private final OperationSpec<Input> spec = OperationSpec.named("EditShipping")
            .loggedAs("shipping", "edit")
            .writes()
            .description("""
                    Move a shipment on, change its carrier and tracking, or both. Allowed moves: created to shipped;
                    shipped to delivered or returned; delivered to returned. returned is final; any other move is a
                    conflict that names the allowed ones. at is when the move happened (default now) and sets
                    shipped_at, delivered_at or returned_at. A blank carrier or tracking field clears it. Emits
                    shipping.updated.shipped, .delivered or .returned for a move; a tracking change alone emits
                    nothing.""")
            .schemas(Input.class,
                    object("EditShipping input.")
                            .required("shipping_id", id("The shipment."))
                            .property("status", enumOf("shipped, delivered or returned.", ShippingStatus.wires(ShippingStatus.EDIT_TARGETS)))
                            .property("at", timestamp("When the move happened (UTC); default now."))
                            .property("carrier", ShippingSchemas.carrier("The carrier; blank clears it."))
                            .property("tracking_number", ShippingSchemas.trackingNumber("The tracking number; blank clears it."))
                            .property("tracking_url", ShippingSchemas.trackingUrl("Where to track it; blank clears it."))
                            .build(),
                    object("EditShipping output.")
                            .required("shipping_id", id("The shipment."))
                            .required("previous_status", ShippingSchemas.status("Its status before."))
                            .required("shipping", ShippingSchemas.shipping())
                            .build());

    public EditShippingOperation(Shipments shipments) {
        this.shipments = shipments;
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input in) {
        Shipments.Change c = shipments.edit(tx, in.shippingId(), in.status(), in.at(),
                new Shipments.Tracking(in.carrier(), in.trackingNumber(), in.trackingUrl()));
        return Outcome.of("Shipment is " + c.after().status().wire() + (c.before() == c.after() ? "; nothing changed." : "."),
                new Edited(in.shippingId(), c.before().status(), c.after()));
    }
}
