package io.clientele.tenant;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.ProductBuilder.aProduct;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.named;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant B, holding tenant A's ids and knowing A's tags, campaigns and catalogue internal ids, tries every
 * operation on A's data.
 * Every attempt must fail exactly as it would for an id that never existed — same status, type, message
 * and details, only the id differs — and leave A's data as it was.
 */
class TenantIsolationIT {
    private static final String SECRET_TAG = "alpha-secret";
    private final Api api = TestServer.api();

    private Api.Tenant alpha;
    private Api.Tenant beta;
    private String alice;
    private String departed;
    private String alicesNote;
    private final String campaign = Ids.newId();
    private String pavers;
    private String paver;
    private String springSale;
    private String amazon;
    private String alicesSale;
    private String alicesLine;
    private String alicesRefund;

    @BeforeEach
    void alphaHasACustomerWithHistoryAndADeletedOne() {
        alpha = api.newTenant("Alpha");
        beta = api.newTenant("Beta");
        alice = alpha.createCustomer(aCustomer().named("Alice", "Alpha").tagged(SECRET_TAG).fromCampaign(campaign)
                .withStatus("blocked").inStage("lead"));
        alpha.ok("InsertMetadata", setMetadata(alice, "tier", "gold"));
        alicesNote = alpha.ok("CreateNote", note(alice, "Confidential.")).text("note_id");
        departed = alpha.createCustomer(aCustomer().tagged(SECRET_TAG));
        alpha.ok("DeleteCustomer", customer(departed));
        beta.createCustomer(aCustomer().named("Bob", "Beta"));
    }

    @BeforeEach
    void alphaHasACatalogue() {
        pavers = alpha.ok("UpsertProductGroup", named("Pavers").put("internal_id", SECRET_TAG)).text("product_group_id");
        paver = alpha.ok("UpsertProduct", aProduct().named("Granite paver").withSku(SECRET_TAG).knownInternallyAs(SECRET_TAG)
                .pricedAt("19.99").inGroup(pavers).build()).text("product_id");
        springSale = alpha.ok("UpsertCampaign", named("Spring sale").put("internal_id", SECRET_TAG)).text("campaign_id");
        amazon = alpha.ok("UpsertThirdPartyShop", named("Amazon").put("internal_id", SECRET_TAG)).text("third_party_shop_id");
    }

    @BeforeEach
    void aliceBoughtAndGotARefund() {
        Api.Response sale = alpha.ok("CreateSale", aSale().by(alice).of(paver, 2).fromCampaign(springSale).throughShop(amazon)
                .withExternalId(SECRET_TAG).withGatewayResponse("00", "Approved").build());
        alicesSale = sale.text("sale_id");
        alicesLine = sale.body().at("/product_sale_ids/0").asText();
        alicesRefund = alpha.ok("CreateRefund", Json.object().put("sale_id", alicesSale).put("amount", 5)
                .set("transaction", gateway("00", "Refunded"))).text("refund_id");
    }

    @Test
    void betaCannotReadChangeDeleteFillOrReferenceAlphasGroups() {
        ObjectNode vipDefinition = Json.object().put("name", "VIP " + SECRET_TAG).put("qualifier_method", "none");
        vipDefinition.putObject("qualifiers");
        String vip = alpha.ok("CreateCustomerGroup", vipDefinition).text("customer_group_id");
        alpha.ok("AddCustomerToGroup", Json.object().put("customer_group_id", vip).put("customer_id", alice));
        JsonNode alphasGroup = alpha.ok("GetCustomerGroup", Json.object().put("customer_group_id", vip)).body().path("customer_group");
        String bob = beta.createCustomer();
        ObjectNode betasDefinition = Json.object().put("name", "Beta manual").put("qualifier_method", "none");
        betasDefinition.putObject("qualifiers");
        String betasGroup = beta.ok("CreateCustomerGroup", betasDefinition).text("customer_group_id");

        assertIndistinguishableFromNonexistent("GetCustomerGroup", id -> Json.object().put("customer_group_id", id), vip);
        assertIndistinguishableFromNonexistent("EditCustomerGroup", id -> Json.object().put("customer_group_id", id)
                .put("name", "Pwned"), vip);
        assertIndistinguishableFromNonexistent("DeleteCustomerGroup", id -> Json.object().put("customer_group_id", id), vip);
        assertIndistinguishableFromNonexistent("GetCustomerGroupMembers", id -> Json.object().put("customer_group_id", id), vip);
        assertIndistinguishableFromNonexistent("AddCustomerToGroup", id -> Json.object().put("customer_group_id", id)
                .put("customer_id", bob), vip);
        assertIndistinguishableFromNonexistent("RemoveCustomerFromGroup", id -> Json.object().put("customer_group_id", id)
                .put("customer_id", bob), vip);
        assertIndistinguishableFromNonexistent("AddCustomerToGroup", id -> Json.object().put("customer_group_id", betasGroup)
                .put("customer_id", id), alice);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("customer_group", id), vip);
        assertIndistinguishableFromNonexistent("CreateCustomerGroup", id -> composite("Pwned", id), vip);
        assertIndistinguishableFromNonexistent("EditCustomerGroup", id -> composite("Pwned", id)
                .put("customer_group_id", betasGroup), vip);
        for (String[] filter : new String[][] {{"campaign", springSale}, {"product_group", pavers}, {"third_party_shop", amazon}}) {
            assertIndistinguishableFromNonexistent("CreateCustomerGroup", id -> {
                ObjectNode g = Json.object().put("name", "Pwned").put("qualifier_method", "specific_values");
                g.putObject("qualifiers").putObject("specific_values").putObject("filters").putArray(filter[0]).add(id);
                return g;
            }, filter[1]);
        }

        assertThat(texts(beta.ok("GetCustomerGroups", Json.object()).body().path("customer_groups"), "customer_group_id"))
                .containsExactly(betasGroup);
        assertThat(alpha.ok("GetCustomerGroup", Json.object().put("customer_group_id", vip)).body().path("customer_group"))
                .isEqualTo(alphasGroup);
        assertThat(texts(alpha.ok("GetCustomerGroupMembers", Json.object().put("customer_group_id", vip)).body()
                .path("members"), "customer_id")).containsExactly(alice);
    }

    private static ObjectNode composite(String name, String groupId) {
        ObjectNode g = Json.object().put("name", name).put("qualifier_method", "customer_group");
        g.putObject("qualifiers").putObject("customer_group").putArray("in_any_customer_group").add(groupId);
        return g;
    }

    @Test
    void betaCannotReadOrChangeAlphasSales() {
        assertIndistinguishableFromNonexistent("GetSale", id -> Json.object().put("sale_id", id), alicesSale);
        assertIndistinguishableFromNonexistent("EditSale", id -> Json.object().put("sale_id", id).put("status", "void"), alicesSale);
        assertIndistinguishableFromNonexistent("CreateRefund", id -> Json.object().put("sale_id", id), alicesSale);
        assertIndistinguishableFromNonexistent("CreateChargeback", id -> Json.object().put("sale_id", id).put("amount", 1), alicesSale);
        assertIndistinguishableFromNonexistent("CreatePaypalDispute", id -> Json.object().put("sale_id", id).put("amount", 1), alicesSale);
        assertIndistinguishableFromNonexistent("CreateFraudDetection", id -> Json.object().put("sale_id", id), alicesSale);
        assertIndistinguishableFromNonexistent("CreateFraudDetection", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("GetSales", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("GetLifetimeValue", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("RebuildLifetimeValues", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("GetProductsPurchased", id -> customer(id), alice);
    }

    @Test
    void betaCannotReadChangeRenewOrRefundAlphasSubscriptions() {
        String subscription = alpha.ok("CreateSubscription", customer(alice).put("product_id", paver).put("interval_unit", "month"))
                .text("subscription_id");
        String renewal = alpha.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", subscription)
                .put("status", "success")).text("subscription_renewal_id");
        String failed = alpha.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", subscription)
                .put("status", "failed")).text("subscription_renewal_id");
        String bob = beta.createCustomer();
        String betasProduct = beta.ok("UpsertProduct", aProduct().pricedAt("1.00").build()).text("product_id");
        JsonNode before = alpha.ok("GetSubscription", Json.object().put("subscription_id", subscription)).body().path("renewals");

        assertIndistinguishableFromNonexistent("GetSubscription", id -> Json.object().put("subscription_id", id), subscription);
        assertIndistinguishableFromNonexistent("EditSubscription", id -> Json.object().put("subscription_id", id)
                .put("status", "cancelled"), subscription);
        assertIndistinguishableFromNonexistent("CreateSubscriptionRenewal", id -> Json.object().put("subscription_id", id)
                .put("status", "success"), subscription);
        assertIndistinguishableFromNonexistent("EditSubscriptionRenewal", id -> Json.object().put("subscription_renewal_id", id)
                .put("status", "success"), failed);
        assertIndistinguishableFromNonexistent("CreateRefund", id -> Json.object().put("subscription_renewal_id", id), renewal);
        assertIndistinguishableFromNonexistent("GetSubscriptions", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("CreateSubscription", id -> customer(id).put("product_id", betasProduct)
                .put("interval_unit", "month"), alice);
        assertIndistinguishableFromNonexistent("CreateSubscription", id -> customer(bob).put("product_id", id)
                .put("interval_unit", "month"), paver);
        assertIndistinguishableFromNonexistent("CreateSubscription", id -> customer(bob).put("product_id", betasProduct)
                .put("interval_unit", "month").put("sale_id", id), alicesSale);
        for (String[] item : new String[][] {{"subscription", subscription}, {"subscription_renewal", renewal}}) {
            assertIndistinguishableFromNonexistent("CreateNote",
                    id -> Json.object().put("item_type", item[0]).put("item_id", id).put("text", "Pwned."), item[1]);
            assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf(item[0], id), item[1]);
        }
        assertThat(alpha.ok("GetSubscription", Json.object().put("subscription_id", subscription)).body().path("renewals"))
                .isEqualTo(before);
    }

    @Test
    void betaCannotShipAlphasSalesOrReadChangeOrAnnotateAlphasShipments() {
        String shipping = alpha.ok("CreateShipping", Json.object().put("sale_id", alicesSale).put("tracking_number", SECRET_TAG))
                .text("shipping_id");
        JsonNode before = alpha.ok("GetShipping", Json.object().put("shipping_id", shipping)).body().path("shipping");

        assertIndistinguishableFromNonexistent("CreateShipping", id -> Json.object().put("sale_id", id), alicesSale);
        assertIndistinguishableFromNonexistent("GetShipping", id -> Json.object().put("shipping_id", id), shipping);
        assertIndistinguishableFromNonexistent("EditShipping", id -> Json.object().put("shipping_id", id).put("status", "shipped"),
                shipping);
        assertIndistinguishableFromNonexistent("CreateNote",
                id -> Json.object().put("item_type", "shipping").put("item_id", id).put("text", "Pwned."), shipping);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("shipping", id), shipping);
        assertThat(alpha.ok("GetShipping", Json.object().put("shipping_id", shipping)).body().path("shipping")).isEqualTo(before);
    }

    @Test
    void betaCannotSellToAlphasCustomerOrFromAlphasCatalogue() {
        String bob = beta.createCustomer();
        String betasProduct = beta.ok("UpsertProduct", aProduct().pricedAt("1.00").build()).text("product_id");

        assertIndistinguishableFromNonexistent("CreateSale", id -> aSale().by(id).of(betasProduct, 1).build(), alice);
        assertIndistinguishableFromNonexistent("CreateSale", id -> aSale().by(bob).of(id, 1).build(), paver);
        assertIndistinguishableFromNonexistent("CreateSale", id -> aSale().by(bob).of(betasProduct, 1).fromCampaign(id).build(), springSale);
        assertIndistinguishableFromNonexistent("CreateSale", id -> aSale().by(bob).of(betasProduct, 1).throughShop(id).build(), amazon);
        String betasSale = beta.ok("CreateSale", aSale().by(bob).of(betasProduct, 1).build()).text("sale_id");
        assertIndistinguishableFromNonexistent("CreateRefund",
                id -> Json.object().put("sale_id", betasSale).put("product_sale_id", id), alicesLine);
    }

    @Test
    void betaCannotAnnotateOrAuditAlphasSales() {
        for (String[] item : new String[][] {{"sale", alicesSale}, {"product_sale", alicesLine}}) {
            assertIndistinguishableFromNonexistent("CreateNote",
                    id -> Json.object().put("item_type", item[0]).put("item_id", id).put("text", "Pwned."), item[1]);
            assertIndistinguishableFromNonexistent("InsertMetadata", id -> Json.object().put("item_type", item[0]).put("item_id", id)
                    .set("metadata", Json.MAPPER.createArrayNode().add(Json.object().put("name", "x").put("value", "y"))), item[1]);
            assertIndistinguishableFromNonexistent("GetMetadata", id -> Json.object().put("item_type", item[0]).put("item_id", id), item[1]);
        }
        String transaction = alpha.ok("GetSale", Json.object().put("sale_id", alicesSale)).body().at("/transactions/0/sale_transaction_id").asText();
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("sale", id), alicesSale);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("product_sale", id), alicesLine);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("refund", id), alicesRefund);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("sale_transaction", id), transaction);
        String chargeback = alpha.ok("CreateChargeback", Json.object().put("sale_id", alicesSale).put("amount", 1)).text("chargeback_id");
        String dispute = alpha.ok("CreatePaypalDispute", Json.object().put("sale_id", alicesSale).put("amount", 1))
                .text("paypal_dispute_id");
        String fraud = alpha.ok("CreateFraudDetection", customer(alice)).text("fraud_detection_id");
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("chargeback", id), chargeback);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("paypal_dispute", id), dispute);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("fraud_detection", id), fraud);
    }

    @Test
    void betasSalesAttemptsLeaveAlphasSalesAndLifetimeValueAsTheyWere() {
        JsonNode sale = alphasSale();
        JsonNode value = alpha.ok("GetLifetimeValue", customer(alice)).body().path("lifetime_value");
        TenantRows alphaRows = TenantRows.of(alpha);
        int alphaEvents = alphaRows.events().size();
        int alphaAudit = alphaRows.auditRows().size();
        String bob = beta.createCustomer();

        beta.call("EditSale", Json.object().put("sale_id", alicesSale).put("status", "void"));
        beta.call("CreateRefund", Json.object().put("sale_id", alicesSale));
        beta.call("CreateChargeback", Json.object().put("sale_id", alicesSale).put("amount", 1));
        beta.call("CreatePaypalDispute", Json.object().put("sale_id", alicesSale).put("amount", 1));
        beta.call("CreateFraudDetection", Json.object().put("sale_id", alicesSale));
        beta.call("CreateFraudDetection", customer(alice));
        beta.call("CreateSale", aSale().by(alice).of(paver, 1).build());
        beta.call("RebuildLifetimeValues", Json.object());
        Api.Response sameExternalId = beta.call("CreateSale", aSale().by(bob).of(
                beta.ok("UpsertProduct", aProduct().pricedAt("1.00").build()).text("product_id"), 1).withExternalId(SECRET_TAG).build());

        assertThat(alphasSale()).isEqualTo(sale);
        assertThat(alpha.ok("GetLifetimeValue", customer(alice)).body().path("lifetime_value")).isEqualTo(value);
        assertThat(alphaRows.events()).hasSize(alphaEvents);
        assertThat(alphaRows.auditRows()).hasSize(alphaAudit);
        assertThat(sameExternalId.body().path("created").asBoolean()).as("external ids are per tenant").isTrue();
        assertThat(beta.ok("RebuildLifetimeValues", Json.object()).body().path("rows_changed").asInt()).isZero();
    }

    @Test
    void betaCannotImportOntoAlphasCustomersOrSales() {
        String betasProduct = beta.ok("UpsertProduct", aProduct().pricedAt("1.00").build()).text("product_id");

        assertIndistinguishableFromNonexistent("ImportCommerceHistory",
                id -> imported("sale", aSale().by(id).of(betasProduct, 1).withExternalId("o-1").build()), alice);
        assertIndistinguishableFromNonexistent("ImportCommerceHistory",
                id -> imported("refund", Json.object().put("external_id", "r-1").put("sale_id", id)), alicesSale);
        Api.Response byAlphasExternalId = beta.call("ImportCommerceHistory",
                imported("refund", Json.object().put("external_id", "r-1").put("sale_external_id", SECRET_TAG)));
        assertThat(byAlphasExternalId.status()).isEqualTo(404);
    }

    private static ObjectNode imported(String kind, ObjectNode record) {
        ObjectNode body = Json.object();
        body.putArray("records").addObject().set(kind, record);
        return body;
    }

    @Test
    void betaCannotReadAlphasCustomer() {
        assertIndistinguishableFromNonexistent("GetCustomer", id -> customer(id), alice);
    }

    @Test
    void betaCannotEditAlphasCustomer() {
        assertIndistinguishableFromNonexistent("EditCustomer", id -> customer(id).put("first_name", "Mallory"), alice);
    }

    @Test
    void betaCannotDeleteAlphasCustomer() {
        assertIndistinguishableFromNonexistent("DeleteCustomer", id -> customer(id), alice);
    }

    @Test
    void betaCannotRestoreAlphasDeletedCustomer() {
        assertIndistinguishableFromNonexistent("RestoreCustomer", id -> customer(id), departed);
    }

    @Test
    void betaRestoringAlphasLiveCustomerLearnsNotFoundNotConflict() {
        assertIndistinguishableFromNonexistent("RestoreCustomer", id -> customer(id), alice);
    }

    @Test
    void betaCannotAnnotateAlphasCustomer() {
        assertIndistinguishableFromNonexistent("CreateNote", id -> note(id, "Pwned."), alice);
        assertIndistinguishableFromNonexistent("InsertMetadata", id -> setMetadata(id, "tier", "free"), alice);
        assertIndistinguishableFromNonexistent("DeleteMetadata", id -> removeMetadata(id, "tier"), alice);
    }

    @Test
    void betaCannotReadAlphasNotesMetadataTimelineOrAudit() {
        assertIndistinguishableFromNonexistent("GetNotes", id -> item(id), alice);
        assertIndistinguishableFromNonexistent("GetMetadata", id -> item(id), alice);
        assertIndistinguishableFromNonexistent("GetCustomerTimeline", id -> customer(id), alice);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf(id), alice);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf(id), departed);
        assertIndistinguishableFromNonexistent("GetAuditLog",
                id -> Json.object().put("item_type", "note").put("item_id", id), alicesNote);
    }

    @Test
    void betaCannotReadAlphasProduct() {
        assertIndistinguishableFromNonexistent("GetProduct", id -> Json.object().put("product_id", id), paver);
    }

    @Test
    void betaCannotUpdateAlphasCatalogueItemsById() {
        assertIndistinguishableFromNonexistent("UpsertProduct", id -> aProduct().withId(id).named("Mallory").pricedAt("0").build(), paver);
        assertIndistinguishableFromNonexistent("UpsertProductGroup", id -> named("Mallory").put("product_group_id", id), pavers);
        assertIndistinguishableFromNonexistent("UpsertCampaign", id -> named("Mallory").put("campaign_id", id), springSale);
        assertIndistinguishableFromNonexistent("UpsertThirdPartyShop", id -> named("Mallory").put("third_party_shop_id", id), amazon);
    }

    @Test
    void betaCannotPutAProductInAlphasGroup() {
        assertIndistinguishableFromNonexistent("UpsertProduct", id -> aProduct().named("Planted").inGroup(id).build(), pavers);
    }

    @Test
    void betaCannotReadTheAuditTrailOfAlphasCatalogue() {
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("product", id), paver);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("product_group", id), pavers);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("campaign", id), springSale);
        assertIndistinguishableFromNonexistent("GetAuditLog", id -> auditOf("third_party_shop", id), amazon);
    }

    @Test
    void betaCannotFindAlphasCatalogueInLists() {
        for (String list : List.of("GetProducts", "GetProductGroups", "GetCampaigns", "GetThirdPartyShops")) {
            for (ObjectNode filter : List.of(Json.object(), Json.object().put("internal_id", SECRET_TAG))) {
                JsonNode page = beta.ok(list, filter).body();
                assertThat(page.path(listField(list)).size()).as("%s %s", list, filter).isZero();
                assertThat(page.path("next_cursor").isNull()).isTrue();
            }
        }
        for (ObjectNode filter : List.of(Json.object().put("sku", SECRET_TAG), Json.object().put("product_group_id", pavers))) {
            assertThat(beta.ok("GetProducts", filter).body().path("products").size()).as("%s", filter).isZero();
        }
    }

    @Test
    void betaUpsertingByAlphasInternalIdCreatesItsOwnItemAndLeavesAlphasAlone() {
        JsonNode before = alpha.ok("GetProduct", Json.object().put("product_id", paver)).body().path("product");

        Api.Response r = beta.ok("UpsertProduct", aProduct().named("Mallory").knownInternallyAs(SECRET_TAG).pricedAt("0").build());
        Api.Response g = beta.ok("UpsertProductGroup", named("Mallory").put("internal_id", SECRET_TAG));

        assertThat(r.text("outcome")).isEqualTo("created");
        assertThat(r.text("product_id")).isNotEqualTo(paver);
        assertThat(g.text("outcome")).isEqualTo("created");
        assertThat(g.text("product_group_id")).isNotEqualTo(pavers);
        assertThat(alpha.ok("GetProduct", Json.object().put("product_id", paver)).body().path("product")).isEqualTo(before);
        assertThat(texts(alpha.ok("GetProductGroups", Json.object()).body().path("product_groups"), "name")).containsExactly("Pavers");
    }

    @Test
    void betaCannotFindAlphasCustomersByFilter() {
        for (ObjectNode filter : List.of(Json.object().put("tag", SECRET_TAG), Json.object().put("campaign_id", campaign),
                Json.object().put("status", "blocked"), Json.object().put("lifecycle_stage", "lead"),
                Json.object().put("created_from", "2000-01-01T00:00:00Z").put("tag", SECRET_TAG))) {
            JsonNode page = beta.ok("GetCustomers", filter).body();
            assertThat(page.path("customers").size()).as("%s", filter).isZero();
            assertThat(page.path("next_cursor").isNull()).isTrue();
        }
        assertThat(texts(beta.ok("GetCustomers", Json.object()).body().path("customers"), "first_name")).containsExactly("Bob");
    }

    @Test
    void cursorBuiltFromAlphasCustomerOnlyPagesBetasOwn() {
        String createdAt = alpha.ok("GetCustomer", customer(alice)).body().at("/customer/created_at").asText();
        Instant at = Instant.parse(createdAt).plusSeconds(3600);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (at.getEpochSecond() + "." + at.getNano() + "." + alice).getBytes(StandardCharsets.UTF_8));

        JsonNode page = beta.ok("GetCustomers", Json.object().put("cursor", cursor)).body();

        assertThat(texts(page.path("customers"), "first_name")).containsExactly("Bob");
    }

    @Test
    void betasAttemptsLeaveAlphasDataAsItWas() {
        JsonNode before = alpha.ok("GetCustomer", customer(alice)).body();
        JsonNode catalogueBefore = alphasCatalogue();
        TenantRows alphaRows = TenantRows.of(alpha);
        int alphaEvents = alphaRows.events().size();
        int alphaAudit = alphaRows.auditRows().size();
        int alphaCalls = alphaRows.apiCalls().size();

        beta.call("EditCustomer", customer(alice).put("first_name", "Mallory").put("status", "enabled"));
        beta.call("InsertMetadata", setMetadata(alice, "tier", "free"));
        beta.call("DeleteMetadata", removeMetadata(alice, "tier"));
        beta.call("CreateNote", note(alice, "Pwned."));
        beta.call("DeleteCustomer", customer(alice));
        beta.call("RestoreCustomer", customer(departed));
        beta.call("UpsertProduct", aProduct().withId(paver).named("Mallory").build());
        beta.call("UpsertProductGroup", named("Mallory").put("product_group_id", pavers));
        beta.call("UpsertCampaign", named("Mallory").put("campaign_id", springSale));
        beta.call("UpsertThirdPartyShop", named("Mallory").put("third_party_shop_id", amazon));

        JsonNode after = alpha.ok("GetCustomer", customer(alice)).body();
        assertThat(after.path("customer")).isEqualTo(before.path("customer"));
        assertThat(after.path("metadata")).isEqualTo(before.path("metadata"));
        assertThat(texts(alpha.ok("GetNotes", item(alice)).body().path("notes"), "text")).containsExactly("Confidential.");
        assertThat(alpha.call("GetCustomer", customer(departed)).errorType()).isEqualTo("not_found");
        assertThat(alphaRows.events()).hasSize(alphaEvents);
        assertThat(alphaRows.auditRows()).hasSize(alphaAudit);
        assertThat(alphaRows.apiCalls()).as("beta's calls are logged as beta's").hasSize(alphaCalls + 3);
        assertThat(TenantRows.of(beta).apiCalls()).filteredOn(c -> c.code() == 0).hasSize(10);
        assertThat(alphasCatalogue()).isEqualTo(catalogueBefore);
    }

    @Test
    void eachTenantVerifiesOnlyItsOwnAuditChain() {
        JsonNode alphas = alpha.ok("VerifyAuditLog", Json.object()).body();
        JsonNode betas = beta.ok("VerifyAuditLog", Json.object()).body();

        assertThat(alphas.path("sealed_rows").asLong()).isEqualTo(TenantRows.of(alpha).auditRows().size());
        assertThat(betas.path("sealed_rows").asLong()).isEqualTo(1);
        assertThat(betas.path("intact").asBoolean()).isTrue();
    }

    /**
     * Beta's call on Alpha's item and Beta's call on an id that never existed answer the same, but for the id.
     */
    private void assertIndistinguishableFromNonexistent(String operation, Function<String, ObjectNode> input, String alphasId) {
        String neverExisted = Ids.newId();

        Api.Response onAlphas = beta.call(operation, input.apply(alphasId));
        Api.Response onNothing = beta.call(operation, input.apply(neverExisted));

        assertThat(onAlphas.status()).as(operation).isEqualTo(404);
        assertThat(onAlphas.errorType()).as(operation).isEqualTo("not_found");
        assertThat(onAlphas.status()).isEqualTo(onNothing.status());
        assertThat(anonymized(onAlphas.body().path("error"), alphasId))
                .as(operation)
                .isEqualTo(anonymized(onNothing.body().path("error"), neverExisted));
        assertThat(onAlphas.body().at("/error/message").asText()).contains(alphasId);
        assertThat(texts(onAlphas.body().path("error").path("details"), "path")).isNotEmpty();
    }

    /** Alice's sale with its lines, transactions and refunds, without the call's envelope. */
    private JsonNode alphasSale() {
        ObjectNode body = alpha.ok("GetSale", Json.object().put("sale_id", alicesSale)).body().deepCopy();
        body.remove(List.of("api_call_id", "api_call_unix"));
        return body;
    }

    private static String listField(String listOperation) {
        return switch (listOperation) {
            case "GetProducts" -> "products";
            case "GetProductGroups" -> "product_groups";
            case "GetCampaigns" -> "campaigns";
            default -> "third_party_shops";
        };
    }

    /** Alpha's catalogue as its lists show it. */
    private JsonNode alphasCatalogue() {
        ObjectNode all = Json.object();
        for (String list : List.of("GetProducts", "GetProductGroups", "GetCampaigns", "GetThirdPartyShops")) {
            all.set(list, alpha.ok(list, Json.object()).body().path(listField(list)));
        }
        return all;
    }

    private static JsonNode anonymized(JsonNode error, String id) {
        return Json.read(error.toString().replace(id, "<id>"));
    }
}
