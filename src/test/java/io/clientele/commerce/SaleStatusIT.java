package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.gateway;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** EditSale: the allowed status moves, their events, transactions and audit rows; every other move is a conflict. */
class SaleStatusIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "19.99");

    @Test
    void aDeclinedSaleThatIsSalvagedBecomesPaidWithItsCharge() {
        String saleId = newSale("pending_declined");

        Api.Response r = shop.ok("EditSale", edit(saleId, "paid").set("transaction", gateway("00", "Approved on retry")));

        assertThat(r.text("result")).isEqualTo("Sale is now paid (was pending_declined).");
        assertThat(r.text("previous_status")).isEqualTo("pending_declined");
        assertThat(r.body().at("/sale/status").asText()).isEqualTo("paid");
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        JsonNode charge = got.at("/transactions/0");
        assertThat(charge.path("sale_transaction_id").asText()).isEqualTo(r.text("sale_transaction_id"));
        assertThat(charge.path("kind").asText()).isEqualTo("sale");
        assertThat(charge.path("success").asBoolean()).isTrue();
        assertThat(amount(charge.path("amount"))).isEqualTo("19.99");
        assertThat(charge.path("gateway_response_message").asText()).isEqualTo("Approved on retry");
        TenantRows.EventRow event = rows.eventsOfCall(r.apiCallId()).getFirst();
        assertThat(event.notation()).isEqualTo("sale.updated.success.paid");
        assertThat(event.itemId()).isEqualTo(saleId);
        assertThat(event.customerId()).isEqualTo(jane);
        assertThat(event.payload().path("previous_status").asText()).isEqualTo("pending_declined");
        assertThat(event.payload().at("/transaction/success").asBoolean()).isTrue();
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(a -> a.itemType() + " " + a.action() + " "
                        + (a.before() == null ? "-" : a.before().path("status").asText()) + " -> " + a.after().path("status").asText("-"))
                .containsExactly("sale update pending_declined -> paid", "sale_transaction create - -> -");
    }

    @Test
    void aPendingSaleThatWillNotBeSalvagedFailsAndAPaidOneIsVoided() {
        String abandoned = newSale("pending_abandoned");
        String paid = newSale("paid");

        Api.Response failed = shop.ok("EditSale", edit(abandoned, "failed_declined").set("transaction", gateway("51", "Insufficient funds")));
        Api.Response voided = shop.ok("EditSale", edit(paid, "void").set("transaction", gateway("00", "Voided")));
        Api.Response quiet = shop.ok("EditSale", edit(newSale("pending_declined"), "failed_declined"));

        assertThat(rows.eventsOfCall(failed.apiCallId()).getFirst().notation()).isEqualTo("sale.updated.failed.declined");
        assertThat(rows.eventsOfCall(voided.apiCallId()).getFirst().notation()).isEqualTo("sale.updated.void");
        assertThat(shop.ok("GetSale", sale(abandoned)).body().at("/transactions/0/success").asBoolean()).isFalse();
        JsonNode voidTransaction = shop.ok("GetSale", sale(paid)).body().at("/transactions/0");
        assertThat(voidTransaction.path("kind").asText()).isEqualTo("void");
        assertThat(voidTransaction.path("success").asBoolean()).isTrue();
        assertThat(quiet.body().path("sale_transaction_id").isNull()).as("no transaction unless one is sent").isTrue();
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(io.clientele.testing.Nodes.texts(entries, "summary")).contains("Sale of 19.99 voided.",
                "Sale of 19.99 failed (was pending_abandoned).", "Sale of 19.99 failed (was pending_declined).");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pending_declined  | void            | it can move to paid or failed_declined only
            pending_abandoned | void            | it can move to paid or failed_declined only
            paid              | paid            | it can move to void only
            paid              | failed_declined | it can move to void only
            failed_declined   | paid            | its status can no longer change
            failed_declined   | void            | its status can no longer change
            void              | paid            | its status can no longer change
            partially_refunded| void            | its status can no longer change with EditSale (refunds are recorded with CreateRefund)
            refunded          | paid            | its status can no longer change with EditSale (refunds are recorded with CreateRefund)
            """)
    void aMoveThatIsNotAllowedIsAConflictThatNamesTheAllowedOnes(String from, String to, String allowed) {
        String saleId = saleIn(from);
        int events = rows.events().size();

        Api.Response r = shop.call("EditSale", edit(saleId, to).set("transaction", gateway("x", "y")));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorType()).isEqualTo("conflict");
        assertThat(r.body().at("/error/message").asText())
                .isEqualTo("Sale " + saleId + " is " + from + ", so it cannot become " + to + ": " + allowed + ".");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/status");
        assertThat(rows.events()).hasSize(events);
        assertThat(shop.ok("GetSale", sale(saleId)).body().at("/sale/status").asText()).isEqualTo(from);
        assertThat(shop.ok("GetSale", sale(saleId)).body().path("transactions").size()).isZero();
    }

    @Test
    void refundedIsNotATargetOfEditSale() {
        Api.Response r = shop.call("EditSale", edit(newSale("paid"), "refunded"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/message").asText()).isEqualTo("must be one of: paid, failed_declined, void");
    }

    @Test
    void aSaleOfADeletedCustomerIsHiddenLikeTheCustomer() {
        String saleId = newSale("pending_declined");
        shop.ok("DeleteCustomer", customer(jane));

        for (Api.Response r : List.of(shop.call("GetSale", sale(saleId)), shop.call("EditSale", edit(saleId, "paid")),
                shop.call("EditSale", edit(Ids.newId(), "paid")))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
        }
        shop.ok("RestoreCustomer", customer(jane));
        assertThat(shop.ok("EditSale", edit(saleId, "paid")).ok()).isTrue();
    }

    private String newSale(String status) {
        return shop.ok("CreateSale", aSale().withStatus(status).by(jane).of(paver, 1).build()).text("sale_id");
    }

    /** A sale brought to any status the way a client would. */
    private String saleIn(String status) {
        return switch (status) {
            case "void" -> {
                String id = newSale("paid");
                shop.ok("EditSale", edit(id, "void"));
                yield id;
            }
            case "partially_refunded", "refunded" -> {
                String id = newSale("paid");
                ObjectNode refund = sale(id);
                if (status.equals("partially_refunded")) refund.put("amount", 1);
                shop.ok("CreateRefund", refund);
                yield id;
            }
            default -> newSale(status);
        };
    }

    private static ObjectNode edit(String saleId, String status) {
        return sale(saleId).put("status", status);
    }
}
