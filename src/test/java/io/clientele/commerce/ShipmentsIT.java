package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;

/** CreateShipping, EditShipping and GetShipping: a sale's shipments, their moves and events, tracking, notes. */
class ShipmentsIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "20.00");
    private final String saleId = shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 2).build()).text("sale_id");

    @Test
    void aShipmentIsCreatedShippedAndDeliveredWithAnEventForEachMove() {
        Api.Response created = shop.ok("CreateShipping", sale(saleId).put("carrier", "UPS").put("tracking_number", "1Z999")
                .put("tracking_url", "https://ups.example.com/1Z999"));
        String id = created.text("shipping_id");
        Api.Response shipped = shop.ok("EditShipping", shipping(id).put("status", "shipped").put("at", "2025-03-01T10:00:00Z"));
        Api.Response delivered = shop.ok("EditShipping", shipping(id).put("status", "delivered"));

        assertThat(created.body().at("/shipping/status").asText()).isEqualTo("created");
        assertThat(created.body().at("/shipping/customer_id").asText()).isEqualTo(jane);
        assertThat(rows.eventsOfCall(created.apiCallId())).extracting(e -> e.notation() + " " + e.itemType() + " " + e.itemId())
                .containsExactly("shipping.created shipping " + id);
        assertThat(rows.eventsOfCall(shipped.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("shipping.updated.shipped");
        assertThat(rows.eventsOfCall(delivered.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("shipping.updated.delivered");
        assertThat(delivered.text("previous_status")).isEqualTo("shipped");
        JsonNode got = shop.ok("GetShipping", shipping(id)).body().path("shipping");
        assertThat(got.path("status").asText()).isEqualTo("delivered");
        assertThat(got.path("shipped_at").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(got.path("delivered_at").isNull()).isFalse();
        assertThat(got.path("tracking_number").asText()).isEqualTo("1Z999");
        assertThat(texts(shop.ok("GetSale", sale(saleId)).body().path("shipments"), "shipping_id")).containsExactly(id);
        assertThat(shop.ok("GetAuditLog", auditOf("shipping", id)).body().path("entries").size()).isEqualTo(3);
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(texts(entries, "summary")).endsWith("Shipment of sale " + saleId + " recorded (UPS).",
                "Shipment of sale " + saleId + " shipped.", "Shipment of sale " + saleId + " delivered.");
        JsonNode value = shop.ok("GetLifetimeValue", customer(jane)).body().path("lifetime_value");
        assertThat(value.path("num_sale").asInt()).as("shipments move no lifetime value figure").isEqualTo(1);
    }

    @Test
    void aShipmentCreatedWithShippedAtIsShippedAndAnnouncedAsSuch() {
        Api.Response r = shop.ok("CreateShipping", sale(saleId).put("shipped_at", "2025-03-01T10:00:00Z"));

        assertThat(r.body().at("/shipping/status").asText()).isEqualTo("shipped");
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("shipping.created", "shipping.updated.shipped");
    }

    @Test
    void movesOutsideCreatedShippedDeliveredOrReturnedAreConflictsNamingTheAllowedOnes() {
        String id = shop.ok("CreateShipping", sale(saleId)).text("shipping_id");

        Api.Response early = shop.call("EditShipping", shipping(id).put("status", "delivered"));
        shop.ok("EditShipping", shipping(id).put("status", "shipped"));
        Api.Response returned = shop.ok("EditShipping", shipping(id).put("status", "returned"));
        Api.Response after = shop.call("EditShipping", shipping(id).put("status", "delivered"));

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().at("/error/message").asText()).isEqualTo("Shipping " + id
                + " is created, so it cannot become delivered: it can move to shipped only.");
        assertThat(rows.eventsOfCall(returned.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("shipping.updated.returned");
        assertThat(after.body().at("/error/message").asText()).endsWith("its status can no longer change.");
    }

    @Test
    void trackingChangesAloneAreAuditedAndAnnounceNothing() {
        String id = shop.ok("CreateShipping", sale(saleId).put("carrier", "UPS")).text("shipping_id");

        Api.Response r = shop.ok("EditShipping", shipping(id).put("carrier", "DHL").put("tracking_number", "JD01"));
        Api.Response cleared = shop.ok("EditShipping", shipping(id).put("carrier", " "));
        Api.Response same = shop.ok("EditShipping", shipping(id).put("tracking_number", "JD01"));

        assertThat(r.body().at("/shipping/carrier").asText()).isEqualTo("DHL");
        assertThat(rows.eventsOfCall(r.apiCallId())).isEmpty();
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("shipping update");
        assertThat(cleared.body().at("/shipping/carrier").isNull()).isTrue();
        assertThat(same.text("result")).isEqualTo("Shipment is created; nothing changed.");
        assertThat(rows.auditRowsOfCall(same.apiCallId())).isEmpty();
    }

    @Test
    void onlyAPaidSaleIsShippedAndBadInputIsRefused() {
        String declined = shop.ok("CreateSale", aSale().declined().by(jane).of(paver, 1).build()).text("sale_id");

        Api.Response unpaid = shop.call("CreateShipping", sale(declined));
        Api.Response badUrl = shop.call("CreateShipping", sale(saleId).put("tracking_url", "ftp://x"));
        Api.Response ghost = shop.call("CreateShipping", sale(Ids.newId()));
        Api.Response nothing = shop.call("EditShipping", shipping(Ids.newId()));
        Api.Response unknown = shop.call("GetShipping", shipping(Ids.newId()));

        assertThat(unpaid.status()).isEqualTo(409);
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.body().at("/error/details/0/path").asText()).isEqualTo("/tracking_url");
        assertThat(ghost.status()).isEqualTo(404);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/details/0/path").asText()).isEqualTo("/shipping_id");
        assertThat(rows.count("shipping")).isZero();
    }

    @Test
    void notesAttachToShipmentsAndShowInTheCustomersHistory() {
        String id = shop.ok("CreateShipping", sale(saleId)).text("shipping_id");

        shop.ok("CreateNote", Json.object().put("item_type", "shipping").put("item_id", id).put("text", "Left at the door."));

        JsonNode notes = shop.ok("GetNotes", Json.object().put("item_type", "customer").put("item_id", jane)).body().path("notes");
        assertThat(notes.at("/0/item_type").asText()).isEqualTo("shipping");
        shop.ok("DeleteCustomer", customer(jane));
        assertThat(shop.call("GetShipping", shipping(id)).status()).isEqualTo(404);
        assertThat(shop.call("EditShipping", shipping(id).put("status", "shipped")).status()).isEqualTo(404);
    }

    private static ObjectNode shipping(String id) {
        return Json.object().put("shipping_id", id);
    }
}
