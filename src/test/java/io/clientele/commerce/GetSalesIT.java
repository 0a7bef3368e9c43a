package io.clientele.commerce;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetSales: a customer's sales, newest sold first, paged with a cursor, filtered by status. */
class GetSalesIT {
    private final Api api = TestServer.api();
    private final Api.Tenant shop = api.newTenant("Paver Shop");
    private final String jane = shop.createCustomer();
    private final String bob = shop.createCustomer();
    private final String paver = product(shop, "20.00");

    @Test
    void salesPageNewestSoldFirstWithoutGapsOrDuplicates() {
        List<String> expected = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            String status = day % 3 == 0 ? "pending_declined" : "paid";
            expected.addFirst(shop.ok("CreateSale", aSale().withStatus(status).by(jane).of(paver, 1)
                    .soldAt(Instant.parse("2025-05-0" + day + "T10:00:00Z")).build()).text("sale_id"));
        }
        shop.ok("CreateSale", aSale().by(bob).of(paver, 1).build());

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ObjectNode page = customer(jane).put("limit", 3);
            if (cursor != null) page.put("cursor", cursor);
            JsonNode body = shop.ok("GetSales", page).body();
            assertThat(body.path("customer_id").asText()).isEqualTo(jane);
            seen.addAll(texts(body.path("sales"), "sale_id"));
            cursor = body.path("next_cursor").asText(null);
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        JsonNode declined = shop.ok("GetSales", customer(jane).put("status", "pending_declined")).body().path("sales");
        assertThat(texts(declined, "sold_at")).containsExactly("2025-05-06T10:00:00Z", "2025-05-03T10:00:00Z");
        assertThat(shop.ok("GetSales", customer(jane).put("status", "void")).text("result")).isEqualTo("No sales match.");
    }

    @Test
    void aCursorThatWasNotIssuedIsRefused() {
        Api.Response r = shop.call("GetSales", customer(jane).put("cursor", "not-a-cursor"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }
}
