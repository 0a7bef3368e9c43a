package io.clientele.customer;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GetCustomers: each filter, their combination, and cursor paging in both orders. */
class GetCustomersIT {
    private static final String SPRING = Ids.newId();
    private static final String AUTUMN = Ids.newId();

    private static Api.Tenant shop;
    private static String vipLead;
    private static String blockedWholesaleVip;
    private static String churnedWholesale;
    private static String enabledProspect;
    private static String disabledLead;

    @BeforeAll
    static void aShopWithFiveDifferentCustomers() {
        shop = TestServer.api().newTenant("Shop");
        vipLead = shop.createCustomer(aCustomer().inStage("lead").tagged("VIP").fromCampaign(SPRING));
        blockedWholesaleVip = shop.createCustomer(aCustomer().withStatus("blocked").tagged("VIP", "wholesale").fromCampaign(AUTUMN));
        churnedWholesale = shop.createCustomer(aCustomer().withStatus("disabled").inStage("churned").tagged("wholesale"));
        enabledProspect = shop.createCustomer(aCustomer().inStage("prospect").fromCampaign(SPRING));
        disabledLead = shop.createCustomer(aCustomer().withStatus("disabled").inStage("lead"));
    }

    @Test
    void withoutFiltersEveryCustomerIsListedNewestFirst() {
        assertThat(list(Json.object())).containsExactly(disabledLead, enabledProspect, churnedWholesale, blockedWholesaleVip, vipLead);
    }

    @Test
    void statusFilterListsOnlyThatStatus() {
        assertThat(list(Json.object().put("status", "enabled"))).containsExactlyInAnyOrder(vipLead, enabledProspect);
        assertThat(list(Json.object().put("status", "disabled"))).containsExactlyInAnyOrder(churnedWholesale, disabledLead);
        assertThat(list(Json.object().put("status", "blocked"))).containsExactly(blockedWholesaleVip);
    }

    @Test
    void lifecycleStageFilterListsOnlyThatStage() {
        assertThat(list(Json.object().put("lifecycle_stage", "lead"))).containsExactlyInAnyOrder(vipLead, disabledLead);
        assertThat(list(Json.object().put("lifecycle_stage", "customer"))).containsExactly(blockedWholesaleVip);
        assertThat(list(Json.object().put("lifecycle_stage", "churned"))).containsExactly(churnedWholesale);
    }

    @Test
    void tagFilterListsCustomersHavingThatTag() {
        assertThat(list(Json.object().put("tag", "VIP"))).containsExactlyInAnyOrder(vipLead, blockedWholesaleVip);
        assertThat(list(Json.object().put("tag", "wholesale"))).containsExactlyInAnyOrder(blockedWholesaleVip, churnedWholesale);
        assertThat(list(Json.object().put("tag", "vip"))).as("tags match exactly").isEmpty();
    }

    @Test
    void campaignFilterListsThatCampaignsCustomers() {
        assertThat(list(Json.object().put("campaign_id", SPRING))).containsExactlyInAnyOrder(vipLead, enabledProspect);
        assertThat(list(Json.object().put("campaign_id", AUTUMN))).containsExactly(blockedWholesaleVip);
        assertThat(list(Json.object().put("campaign_id", Ids.newId()))).isEmpty();
    }

    @Test
    void filtersCombineWithAnd() {
        assertThat(list(Json.object().put("tag", "VIP").put("status", "enabled"))).containsExactly(vipLead);
        assertThat(list(Json.object().put("lifecycle_stage", "lead").put("status", "disabled"))).containsExactly(disabledLead);
        assertThat(list(Json.object().put("campaign_id", SPRING).put("lifecycle_stage", "churned"))).isEmpty();
    }

    @Test
    void createdRangeIncludesItsStartAndExcludesItsEnd() {
        String from = createdAt(blockedWholesaleVip);
        String to = createdAt(enabledProspect);

        assertThat(list(Json.object().put("created_from", from).put("created_to", to)))
                .containsExactly(churnedWholesale, blockedWholesaleVip);
        assertThat(list(Json.object().put("created_from", to))).containsExactly(disabledLead, enabledProspect);
        assertThat(list(Json.object().put("created_to", from))).containsExactly(vipLead);
    }

    @Test
    void createdRangeThatEndsBeforeItStartsIsAValidationError() {
        Api.Response r = shop.call("GetCustomers", Json.object().put("created_from", "2026-02-01T00:00:00Z")
                .put("created_to", "2026-01-01T00:00:00Z"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/created_to");
    }

    @Test
    void malformedTimestampIsAValidationErrorAtItsPointer() {
        Api.Response r = shop.call("GetCustomers", Json.object().put("created_from", "yesterday"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/created_from");
    }

    @Test
    void pagesNewestFirstWithoutGapsOrDuplicates() {
        List<String> pages = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = Json.object().put("limit", 2);
            if (cursor != null) page.put("cursor", cursor);
            JsonNode body = shop.ok("GetCustomers", page).body();
            pages.addAll(texts(body.path("customers"), "customer_id"));
            sizes.add(body.path("customers").size());
            cursor = body.path("next_cursor").asText(null);
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(pages).containsExactly(disabledLead, enabledProspect, churnedWholesale, blockedWholesaleVip, vipLead);
    }

    @Test
    void pagesOldestFirstWithoutGapsOrDuplicates() {
        List<String> pages = new ArrayList<>();
        String cursor = null;
        int calls = 0;
        do {
            ObjectNode page = Json.object().put("limit", 2).put("order", "oldest_first");
            if (cursor != null) page.put("cursor", cursor);
            JsonNode body = shop.ok("GetCustomers", page).body();
            pages.addAll(texts(body.path("customers"), "customer_id"));
            cursor = body.path("next_cursor").asText(null);
            calls++;
        } while (cursor != null);

        assertThat(calls).isEqualTo(3);
        assertThat(pages).containsExactly(vipLead, blockedWholesaleVip, churnedWholesale, enabledProspect, disabledLead);
    }

    @Test
    void pageThatEndsTheListExactlyHasNoNextCursor() {
        JsonNode first = shop.ok("GetCustomers", Json.object().put("limit", 3).put("tag", "wholesale")).body();
        assertThat(first.path("customers").size()).isEqualTo(2);
        assertThat(first.path("next_cursor").isNull()).isTrue();

        JsonNode all = shop.ok("GetCustomers", Json.object().put("limit", 5)).body();
        assertThat(all.path("customers").size()).isEqualTo(5);
        assertThat(all.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void cursorPagesThroughAFilteredList() {
        JsonNode first = shop.ok("GetCustomers", Json.object().put("limit", 1).put("status", "disabled")).body();
        JsonNode second = shop.ok("GetCustomers", Json.object().put("limit", 1).put("status", "disabled")
                .put("cursor", first.path("next_cursor").asText())).body();

        assertThat(texts(first.path("customers"), "customer_id")).containsExactly(disabledLead);
        assertThat(texts(second.path("customers"), "customer_id")).containsExactly(churnedWholesale);
        assertThat(second.path("next_cursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "", "MTIzNDU2", "////"})
    void cursorThisOperationDidNotIssueIsAValidationErrorAtItsPointer(String cursor) {
        Api.Response r = shop.call("GetCustomers", Json.object().put("cursor", cursor));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("validation");
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999.0", "-99999999999999.0", "9223372036854775807.999999999"})
    void forgedCursorFarOutsideTimeIsRejectedNotAServerError(String time) {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + "." + Ids.newId()).getBytes(StandardCharsets.UTF_8));

        Api.Response r = shop.call("GetCustomers", Json.object().put("cursor", forged));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorType()).isEqualTo("validation");
    }

    @Test
    void limitOutsideOneToTwoHundredIsAValidationError() {
        assertThat(shop.call("GetCustomers", Json.object().put("limit", 0)).status()).isEqualTo(400);
        assertThat(shop.call("GetCustomers", Json.object().put("limit", 201)).status()).isEqualTo(400);
        assertThat(shop.call("GetCustomers", Json.object().put("limit", 200)).status()).isEqualTo(200);
    }

    private static List<String> list(ObjectNode filters) {
        return texts(shop.ok("GetCustomers", filters).body().path("customers"), "customer_id");
    }

    private static String createdAt(String customerId) {
        return shop.ok("GetCustomer", Json.object().put("customer_id", customerId)).body().at("/customer/created_at").asText();
    }
}
