package io.clientele.commerce;

import static io.clientele.commerce.CreateSaleIT.sale;
import static io.clientele.testing.Nodes.amount;
import static io.clientele.testing.Nodes.amounts;
import static io.clientele.testing.Requests.auditOf;
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
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** CreateRefund: partial and full refunds of a sale or of one line, what is left to refund, and the sale's status. */
class RefundsIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final TenantRows rows = TenantRows.of(shop);
    private final String jane = shop.createCustomer();
    private final String paver = product(shop, "20.00");
    private final String sealant = product(shop, "7.50");
    /** 2 pavers (40.00) and one sealant (7.50): 47.50. */
    private final Api.Response order = shop.ok("CreateSale", aSale().paid().by(jane).of(paver, 2).of(sealant, 1).build());
    private final String saleId = order.text("sale_id");
    private final String paverLine = order.body().at("/product_sale_ids/0").asText();
    private final String sealantLine = order.body().at("/product_sale_ids/1").asText();

    @Test
    void aPartialRefundMakesThePaidSalePartiallyRefundedAndAnnouncesBoth() {
        Api.Response r = shop.ok("CreateRefund", refund("10.00").put("reason", "One paver cracked")
                .set("transaction", gateway("00", "Refunded")));

        assertThat(r.text("result")).isEqualTo("Refunded 10.00; the sale is partially_refunded.");
        assertThat(r.text("sale_status")).isEqualTo("partially_refunded");
        assertThat(amount(r.body().path("sale_refunded"))).isEqualTo("10.00");
        String refundId = r.text("refund_id");
        assertThat(rows.eventsOfCall(r.apiCallId())).extracting(e -> e.notation() + " " + e.itemType())
                .containsExactly("refund.created refund", "sale.updated.refunded.partial sale");
        TenantRows.EventRow created = rows.eventsOfCall(r.apiCallId()).getFirst();
        assertThat(created.itemId()).isEqualTo(refundId);
        assertThat(created.customerId()).isEqualTo(jane);
        assertThat(created.payload().path("sale_id").asText()).isEqualTo(saleId);
        assertThat(created.payload().at("/refund/reason").asText()).isEqualTo("One paver cracked");
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        assertThat(got.at("/refunds/0/refund_id").asText()).isEqualTo(refundId);
        assertThat(got.at("/refunds/0/product_sale_id").isNull()).isTrue();
        JsonNode transaction = got.at("/transactions/0");
        assertThat(transaction.path("kind").asText()).isEqualTo("refund");
        assertThat(transaction.path("refund_id").asText()).isEqualTo(refundId);
        assertThat(amount(transaction.path("amount"))).isEqualTo("10.00");
        assertThat(rows.auditRowsOfCall(r.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("refund create", "sale update", "sale_transaction create");
        assertThat(shop.ok("GetAuditLog", auditOf("refund", refundId)).body().path("entries").size()).isEqualTo(1);
        JsonNode entries = shop.ok("GetCustomerTimeline", customer(jane)).body().path("entries");
        assertThat(entries.get(entries.size() - 2).path("summary").asText()).isEqualTo("Refund of 10.00 on sale " + saleId + ": One paver cracked");
        assertThat(entries.get(entries.size() - 1).path("summary").asText()).isEqualTo("Sale partially refunded: 10.00 of 47.50.");
    }

    @Test
    void aFurtherPartialRefundChangesNoStatusAndTheLastOneRefundsTheSaleInFull() {
        shop.ok("CreateRefund", refund("10.00"));

        Api.Response second = shop.ok("CreateRefund", refund("0.50"));
        Api.Response rest = shop.ok("CreateRefund", sale(saleId));

        assertThat(rows.eventsOfCall(second.apiCallId())).extracting(TenantRows.EventRow::notation).containsExactly("refund.created");
        assertThat(amount(rest.body().at("/refund/amount"))).as("no amount: all that is left").isEqualTo("37.00");
        assertThat(rest.text("sale_status")).isEqualTo("refunded");
        assertThat(rows.eventsOfCall(rest.apiCallId())).extracting(TenantRows.EventRow::notation)
                .containsExactly("refund.created", "sale.updated.refunded.full");
        JsonNode got = shop.ok("GetSale", sale(saleId)).body();
        assertThat(amount(got.at("/sale/refunded"))).isEqualTo("47.50");
        assertThat(amounts(got.path("refunds"), "amount")).containsExactly("10.00", "0.50", "37.00");
    }

    @Test
    void aLineRefundIsCappedByWhatIsLeftOfTheLineAndOfTheSale() {
        Api.Response line = shop.ok("CreateRefund", sale(saleId).put("product_sale_id", sealantLine));
        Api.Response tooMuch = shop.call("CreateRefund", refund("40.01").put("product_sale_id", paverLine));
        shop.ok("CreateRefund", refund("30.00"));
        Api.Response cappedBySale = shop.call("CreateRefund", refund("10.01").put("product_sale_id", paverLine));

        assertThat(amount(line.body().at("/refund/amount"))).isEqualTo("7.50");
        assertThat(line.body().at("/refund/product_sale_id").asText()).isEqualTo(sealantLine);
        assertThat(rows.auditRowsOfCall(line.apiCallId())).extracting(a -> a.itemType() + " " + a.action())
                .containsExactly("refund create", "sale update", "product_sale update");
        JsonNode lines = shop.ok("GetSale", sale(saleId)).body().path("product_sales");
        assertThat(amounts(lines, "refunded")).containsExactly("0.00", "7.50");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().at("/error/details/0/path").asText()).isEqualTo("/amount");
        assertThat(tooMuch.body().at("/error/details/0/message").asText())
                .isEqualTo("must be at most 40.00, what is left to refund of the product sale");
        assertThat(cappedBySale.body().at("/error/details/0/message").asText())
                .isEqualTo("must be at most 10.00, what is left to refund of the product sale (capped by what is left of its sale)");
        Api.Response again = shop.call("CreateRefund", sale(saleId).put("product_sale_id", sealantLine));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/error/message").asText()).isEqualTo("Product sale " + sealantLine + " has nothing left to refund.");
    }

    @Test
    void anAmountMustBePositiveInCentsAndWithinWhatIsLeft() {
        for (String[] c : new String[][] {{"0", "must be more than 0"}, {"47.51", "must be at most 47.50, what is left to refund of the sale"},
                {"1.001", "must have at most 2 decimal places, e.g. 19.99"}, {"-1", "must be at least 0"}}) {
            Api.Response r = shop.call("CreateRefund", refund(c[0]));

            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/amount");
            assertThat(r.body().at("/error/details/0/message").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(rows.count("refund")).isZero();
    }

    @Test
    void onlyPaidOrPartiallyRefundedSalesCanBeRefunded() {
        String declined = shop.ok("CreateSale", aSale().declined().by(jane).of(paver, 1).build()).text("sale_id");
        shop.ok("CreateRefund", sale(saleId));

        Api.Response pending = shop.call("CreateRefund", sale(declined));
        Api.Response full = shop.call("CreateRefund", sale(saleId));

        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.body().at("/error/message").asText())
                .isEqualTo("Sale " + declined + " is pending_declined; only paid or partially refunded sales can be refunded.");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().at("/error/message").asText()).endsWith("and this one is already refunded in full.");
    }

    @Test
    void aLineOfAnotherSaleIsNotFoundOnThisOne() {
        String other = shop.ok("CreateSale", aSale().by(jane).of(paver, 1).build()).body().at("/product_sale_ids/0").asText();

        Api.Response r = shop.call("CreateRefund", sale(saleId).put("product_sale_id", other));
        Api.Response unknownSale = shop.call("CreateRefund", sale(Ids.newId()));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/product_sale_id");
        assertThat(unknownSale.status()).isEqualTo(404);
        assertThat(unknownSale.body().at("/error/details/0/path").asText()).isEqualTo("/sale_id");
    }

    private ObjectNode refund(String amount) {
        return sale(saleId).put("amount", new BigDecimal(amount));
    }
}
