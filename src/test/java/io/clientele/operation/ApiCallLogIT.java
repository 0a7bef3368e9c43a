package io.clientele.operation;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.ProductBuilder.aProduct;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.named;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static io.clientele.testing.SaleBuilder.aSale;
import static io.clientele.testing.SaleBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TenantRows.ApiCallRow;
import io.clientele.testing.TestServer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The api_call log: one row per call, success or failure. A failed call leaves that row and nothing else —
 * no customer, event, audit, metadata, note or catalogue row — however far it got before failing.
 */
class ApiCallLogIT {
    private static final List<String> CHANGE_TABLES = List.of("customer", "event", "audit_log", "metadata", "note",
            "product_group", "product", "campaign", "third_party_shop",
            "sale", "product_sale", "sale_transaction", "refund", "lifetime_value", "chargeback", "paypal_dispute", "fraud_detection",
            "subscription", "subscription_renewal", "shipping",
            "customer_group", "customer_group_member");

    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);
    private final String keyId = rows.apiKeyIds().getFirst();

    @Test
    void everyOperationIsLoggedUnderTheTypeAndMethodItsSpecPublishes() {
        Map<String, JsonNode> published = new LinkedHashMap<>();
        api.get("/v1/ops").body().path("operations").forEach(op -> published.put(op.path("name").asText(), op));
        Api.Response created = acme.ok("CreateCustomer", aCustomer().build());
        String jane = created.text("customer_id");
        Map<String, Api.Response> calls = new LinkedHashMap<>();
        calls.put("CreateCustomer", created);
        Api.Response createdMany = acme.ok("CreateCustomers", Json.object().set("customers", Json.MAPPER.createArrayNode().add(aCustomer().build())));
        calls.put("CreateCustomers", createdMany);
        calls.put("GetCustomer", acme.ok("GetCustomer", customer(jane)));
        calls.put("EditCustomer", acme.ok("EditCustomer", customer(jane).put("company", "Widgets")));
        calls.put("GetCustomers", acme.ok("GetCustomers", Json.object()));
        calls.put("SearchCustomers", acme.ok("SearchCustomers", Json.object().put("search_term", "Jane")));
        calls.put("FindDuplicateCustomers", acme.ok("FindDuplicateCustomers", customer(jane)));
        calls.put("GetDuplicateCustomerReport", acme.ok("GetDuplicateCustomerReport", Json.object()));
        calls.put("AddMatchBlocklistEntry", acme.ok("AddMatchBlocklistEntry", Json.object().put("kind", "email").put("value", "test@test.com")));
        calls.put("MergeCustomers", acme.ok("MergeCustomers", Json.object().put("primary_customer_id", jane)
                .put("secondary_customer_id", createdMany.body().at("/customer_ids/0").asText()).put("dry_run", true)));
        calls.put("GetMatchBlocklist", acme.ok("GetMatchBlocklist", Json.object()));
        calls.put("RemoveMatchBlocklistEntry", acme.ok("RemoveMatchBlocklistEntry", Json.object().put("kind", "email").put("value", "test@test.com")));
        calls.put("InsertMetadata", acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold")));
        calls.put("GetMetadata", acme.ok("GetMetadata", item(jane)));
        calls.put("DeleteMetadata", acme.ok("DeleteMetadata", removeMetadata(jane, "tier")));
        calls.put("CreateNote", acme.ok("CreateNote", note(jane, "Hi.")));
        calls.put("GetNotes", acme.ok("GetNotes", item(jane)));
        calls.put("GetCustomerTimeline", acme.ok("GetCustomerTimeline", customer(jane)));
        calls.put("DeleteCustomer", acme.ok("DeleteCustomer", customer(jane)));
        calls.put("RestoreCustomer", acme.ok("RestoreCustomer", customer(jane)));
        calls.put("GetAuditLog", acme.ok("GetAuditLog", auditOf(jane)));
        calls.put("VerifyAuditLog", acme.ok("VerifyAuditLog", Json.object()));
        Api.Response group = acme.ok("UpsertProductGroup", named("Pavers"));
        calls.put("UpsertProductGroup", group);
        calls.put("GetProductGroups", acme.ok("GetProductGroups", Json.object()));
        Api.Response product = acme.ok("UpsertProduct", aProduct().inGroup(group.text("product_group_id")).build());
        calls.put("UpsertProduct", product);
        calls.put("GetProduct", acme.ok("GetProduct", Json.object().put("product_id", product.text("product_id"))));
        calls.put("GetProducts", acme.ok("GetProducts", Json.object()));
        calls.put("UpsertCampaign", acme.ok("UpsertCampaign", named("Spring")));
        calls.put("GetCampaigns", acme.ok("GetCampaigns", Json.object()));
        calls.put("UpsertThirdPartyShop", acme.ok("UpsertThirdPartyShop", named("Amazon")));
        calls.put("GetThirdPartyShops", acme.ok("GetThirdPartyShops", Json.object()));
        Api.Response sale = acme.ok("CreateSale", aSale().declined().by(jane).of(product.text("product_id"), 1).at("10.00").build());
        String saleId = sale.text("sale_id");
        calls.put("CreateSale", sale);
        calls.put("GetSale", acme.ok("GetSale", Json.object().put("sale_id", saleId)));
        calls.put("GetSales", acme.ok("GetSales", customer(jane)));
        calls.put("EditSale", acme.ok("EditSale", Json.object().put("sale_id", saleId).put("status", "paid")));
        calls.put("CreateRefund", acme.ok("CreateRefund", Json.object().put("sale_id", saleId).put("amount", 1)));
        calls.put("CreateChargeback", acme.ok("CreateChargeback", Json.object().put("sale_id", saleId).put("amount", 1)));
        calls.put("CreatePaypalDispute", acme.ok("CreatePaypalDispute", Json.object().put("sale_id", saleId).put("amount", 1)));
        calls.put("CreateFraudDetection", acme.ok("CreateFraudDetection", Json.object().put("sale_id", saleId)));
        Api.Response subscription = acme.ok("CreateSubscription", customer(jane).put("product_id", product.text("product_id"))
                .put("interval_unit", "month").put("price", 10));
        String subscriptionId = subscription.text("subscription_id");
        calls.put("CreateSubscription", subscription);
        calls.put("GetSubscription", acme.ok("GetSubscription", Json.object().put("subscription_id", subscriptionId)));
        calls.put("GetSubscriptions", acme.ok("GetSubscriptions", customer(jane)));
        calls.put("EditSubscription", acme.ok("EditSubscription", Json.object().put("subscription_id", subscriptionId)
                .put("status", "overdue")));
        Api.Response renewal = acme.ok("CreateSubscriptionRenewal", Json.object().put("subscription_id", subscriptionId)
                .put("status", "failed"));
        calls.put("CreateSubscriptionRenewal", renewal);
        calls.put("EditSubscriptionRenewal", acme.ok("EditSubscriptionRenewal", Json.object()
                .put("subscription_renewal_id", renewal.text("subscription_renewal_id")).put("status", "success")));
        Api.Response shipping = acme.ok("CreateShipping", Json.object().put("sale_id", saleId));
        calls.put("CreateShipping", shipping);
        calls.put("GetShipping", acme.ok("GetShipping", Json.object().put("shipping_id", shipping.text("shipping_id"))));
        calls.put("EditShipping", acme.ok("EditShipping", Json.object().put("shipping_id", shipping.text("shipping_id"))
                .put("status", "shipped")));
        calls.put("GetLifetimeValue", acme.ok("GetLifetimeValue", customer(jane)));
        calls.put("RebuildLifetimeValues", acme.ok("RebuildLifetimeValues", Json.object()));
        calls.put("GetProductsPurchased", acme.ok("GetProductsPurchased", customer(jane)));
        ObjectNode imported = Json.object();
        imported.putArray("records").addObject().set("customer", aCustomer().withEmail("old@example.com").build().put("external_id", "c-1"));
        calls.put("ImportCommerceHistory", acme.ok("ImportCommerceHistory", imported));
        Api.Response customerGroup = acme.ok("CreateCustomerGroup", manualGroup("Do Not Contact"));
        ObjectNode groupId = Json.object().put("customer_group_id", customerGroup.text("customer_group_id"));
        calls.put("CreateCustomerGroup", customerGroup);
        calls.put("EditCustomerGroup", acme.ok("EditCustomerGroup", groupId.deepCopy().put("enabled", false)));
        calls.put("GetCustomerGroup", acme.ok("GetCustomerGroup", groupId));
        calls.put("GetCustomerGroups", acme.ok("GetCustomerGroups", Json.object()));
        calls.put("AddCustomerToGroup", acme.ok("AddCustomerToGroup", groupId.deepCopy().put("customer_id", jane)));
        calls.put("GetCustomerGroupMembers", acme.ok("GetCustomerGroupMembers", groupId));
        calls.put("RemoveCustomerFromGroup", acme.ok("RemoveCustomerFromGroup", groupId.deepCopy().put("customer_id", jane)));
        calls.put("DeleteCustomerGroup", acme.ok("DeleteCustomerGroup", groupId));
        ObjectNode definition = Json.object().put("qualifier_method", "specific_values");
        definition.putObject("qualifiers").putObject("specific_values").putObject("values").putObject("num_sale")
                .put("enabled", true).put("min", 0).put("max", 0);
        calls.put("PreviewCustomerGroup", acme.ok("PreviewCustomerGroup", definition));
        calls.put("EvaluateCustomerGroups", acme.ok("EvaluateCustomerGroups", Json.object()));

        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(published.keySet());
        assertThat(rows.apiCalls()).hasSize(calls.size());
        calls.forEach((operation, response) -> {
            ApiCallRow row = rows.apiCall(response.apiCallId()).orElseThrow();
            assertThat(row.operation()).isEqualTo(operation);
            assertThat(row.type()).as(operation).isEqualTo(published.get(operation).path("type").asText());
            assertThat(row.method()).as(operation).isEqualTo(published.get(operation).path("method").asText());
            assertThat(row.code()).isEqualTo(1);
            assertThat(row.httpStatus()).isEqualTo(200);
            assertThat(row.errorType()).isNull();
            assertThat(row.actorKind()).isEqualTo("api_key");
            assertThat(row.actorId()).isEqualTo(keyId);
            assertThat(row.durationMs()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(row.createdAt().getEpochSecond()).isEqualTo(response.body().path("api_call_unix").asLong());
        });
        ApiCallRow create = rows.apiCall(created.apiCallId()).orElseThrow();
        assertThat(create.type() + "/" + create.method()).isEqualTo("customer/create");
    }

    @Test
    void rejectedInputWritesNothingButItsFailedApiCall() {
        Map<String, Long> before = countChanges();

        Api.Response r = acme.call("CreateCustomer", aCustomer().named("Jane", "Doe").withEmail("jane@").build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(r, "CreateCustomer", "customer", "create", 400, "validation");
    }

    @Test
    void unknownIdWritesNothingButItsFailedApiCall() {
        Map<String, Long> before = countChanges();

        Api.Response edit = acme.call("EditCustomer", customer(Ids.newId()).put("first_name", "Ghost"));
        Api.Response annotate = acme.call("InsertMetadata", setMetadata(Ids.newId(), "tier", "gold", "source", "ads"));

        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(edit, "EditCustomer", "customer", "edit", 404, "not_found");
        assertFailedCall(annotate, "InsertMetadata", "metadata", "insert", 404, "not_found");
    }

    @Test
    void catalogueUpsertsThatFailWriteNothingButTheirFailedApiCall() {
        Map<String, Long> before = countChanges();

        Api.Response ghostGroup = acme.call("UpsertProduct", aProduct().inGroup(Ids.newId()).build());
        Api.Response badPrice = acme.call("UpsertProduct", aProduct().pricedAt("19.999").build());
        Api.Response ghostCampaign = acme.call("UpsertCampaign", named("Spring").put("campaign_id", Ids.newId()));

        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(ghostGroup, "UpsertProduct", "product", "upsert", 404, "not_found");
        assertFailedCall(badPrice, "UpsertProduct", "product", "upsert", 400, "validation");
        assertFailedCall(ghostCampaign, "UpsertCampaign", "campaign", "upsert", 404, "not_found");
    }

    @Test
    void commerceWritesThatAreRefusedWriteNothingButTheirFailedApiCall() {
        String jane = acme.createCustomer();
        String paver = product(acme, "20.00");
        String saleId = acme.ok("CreateSale", aSale().by(jane).of(paver, 1).build()).text("sale_id");
        String subscriptionId = acme.ok("CreateSubscription", Json.object().put("customer_id", jane).put("product_id", paver)
                .put("interval_unit", "month").put("status", "cancelled")).text("subscription_id");
        String shippingId = acme.ok("CreateShipping", Json.object().put("sale_id", saleId)).text("shipping_id");
        Map<String, Long> before = countChanges();

        Api.Response ghostProduct = acme.call("CreateSale", aSale().byContact(aCustomer()).of(Ids.newId(), 1).build());
        Api.Response badMove = acme.call("EditSale", Json.object().put("sale_id", saleId).put("status", "failed_declined"));
        Api.Response tooMuch = acme.call("CreateRefund", Json.object().put("sale_id", saleId).put("amount", 20.01));
        Api.Response tooBigChargeback = acme.call("CreateChargeback", Json.object().put("sale_id", saleId).put("amount", 20.01));
        Api.Response ghostDispute = acme.call("CreatePaypalDispute", Json.object().put("sale_id", Ids.newId()).put("amount", 1));
        Api.Response ghostFraud = acme.call("CreateFraudDetection", Json.object().put("customer_id", Ids.newId()));
        Api.Response endedRenewal = acme.call("CreateSubscriptionRenewal", Json.object().put("subscription_id", subscriptionId)
                .put("status", "success"));
        Api.Response reopened = acme.call("EditSubscription", Json.object().put("subscription_id", subscriptionId)
                .put("status", "active"));
        Api.Response ghostRenewalRefund = acme.call("CreateRefund", Json.object().put("subscription_renewal_id", Ids.newId()));
        Api.Response earlyDelivery = acme.call("EditShipping", Json.object().put("shipping_id", shippingId).put("status", "delivered"));

        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(ghostProduct, "CreateSale", "sale", "create", 404, "not_found");
        assertFailedCall(badMove, "EditSale", "sale", "edit", 409, "conflict");
        assertFailedCall(tooMuch, "CreateRefund", "refund", "create", 400, "validation");
        assertFailedCall(tooBigChargeback, "CreateChargeback", "chargeback", "create", 400, "validation");
        assertFailedCall(ghostDispute, "CreatePaypalDispute", "paypal_dispute", "create", 404, "not_found");
        assertFailedCall(ghostFraud, "CreateFraudDetection", "fraud_detection", "create", 404, "not_found");
        assertFailedCall(endedRenewal, "CreateSubscriptionRenewal", "subscription_renewal", "create", 409, "conflict");
        assertFailedCall(reopened, "EditSubscription", "subscription", "edit", 409, "conflict");
        assertFailedCall(ghostRenewalRefund, "CreateRefund", "refund", "create", 404, "not_found");
        assertFailedCall(earlyDelivery, "EditShipping", "shipping", "edit", 409, "conflict");
    }

    @Test
    void aSaleThatFailsAfterCreatingItsCustomerLeavesNeitherTheCustomerNorTheSaleNorItsLifetimeValue() {
        String paver = product(acme, "20.00");
        Map<String, Long> before = countChanges();
        ObjectNode order = aSale().byContact(aCustomer().withEmail("new@example.com")).of(paver, 1).build();

        // The customer, its customer.created event, the sale, its lines and lifetime value are written first.
        Api.Response r = withEventInsertFailingWhen(acme.tenantId(), "NEW.notation = 'sale.created.success.paid'",
                () -> acme.call("CreateSale", order));

        assertThat(r.status()).isEqualTo(500);
        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(r, "CreateSale", "sale", "create", 500, "internal");
        assertThat(acme.ok("CreateSale", order).body().path("customer_created").asBoolean()).isTrue();
    }

    @Test
    void groupWritesThatAreRefusedWriteNothingButTheirFailedApiCall() {
        String jane = acme.createCustomer();
        String manual = acme.ok("CreateCustomerGroup", manualGroup("Review")).text("customer_group_id");
        ObjectNode ruleBased = manualGroup("High Value").put("qualifier_method", "customer_group");
        ruleBased.putObject("qualifiers").putObject("customer_group").putArray("in_all_customer_group").add(manual);
        String composite = acme.ok("CreateCustomerGroup", ruleBased).text("customer_group_id");
        Map<String, Long> before = countChanges();

        Api.Response placeholder = acme.call("CreateCustomerGroup", manualGroup("Composite").put("qualifier_method", "customer_group")
                .set("qualifiers", Json.read("{\"customer_group\":{\"in_all_customer_group\":[\"HIGH_VALUE_GROUP_ID\"]}}")));
        Api.Response ghost = acme.call("EditCustomerGroup", Json.object().put("customer_group_id", Ids.newId()).put("enabled", true));
        Api.Response manualIntoRuleBased = acme.call("AddCustomerToGroup",
                Json.object().put("customer_group_id", composite).put("customer_id", jane));
        Api.Response listed = acme.call("DeleteCustomerGroup", Json.object().put("customer_group_id", manual));

        assertThat(countChanges()).isEqualTo(before);
        assertFailedCall(placeholder, "CreateCustomerGroup", "customer_group", "create", 400, "validation");
        assertFailedCall(ghost, "EditCustomerGroup", "customer_group", "edit", 404, "not_found");
        assertFailedCall(manualIntoRuleBased, "AddCustomerToGroup", "customer_group", "add_customer", 409, "conflict");
        assertFailedCall(listed, "DeleteCustomerGroup", "customer_group", "delete", 409, "conflict");
    }

    private static ObjectNode manualGroup(String name) {
        ObjectNode g = Json.object().put("name", name).put("enabled", true).put("qualifier_method", "none");
        g.putObject("qualifiers");
        return g;
    }

    @Test
    void callToAnUnknownOperationIsLoggedUnderTheNameTheCallerSent() {
        Api.Response r = acme.call("DropAllTables", "{}");

        assertFailedCall(r, "DropAllTables", "unknown", "unknown", 404, "not_found");
    }

    @Test
    void failureAfterPartialWorkRollsBackEveryWriteButKeepsItsFailedApiCall() {
        String jane = acme.createCustomer();
        Map<String, Long> before = countChanges();
        ObjectNode twoPairs = setMetadata(jane, "first", "1", "second", "2");

        // The first pair's metadata, audit and event rows are written before the second pair's event fails.
        Api.Response r = withEventInsertFailingFor(acme.tenantId(), "second", () -> acme.call("InsertMetadata", twoPairs));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorType()).isEqualTo("internal");
        assertThat(r.body().at("/error/message").asText()).contains("nothing was changed", r.apiCallId());
        assertThat(countChanges()).isEqualTo(before);
        assertThat(acme.ok("GetMetadata", item(jane)).body().path("metadata").size()).isZero();
        assertFailedCall(r, "InsertMetadata", "metadata", "insert", 500, "internal");
        assertThat(acme.call("InsertMetadata", twoPairs).ok()).as("the same call succeeds without the fault").isTrue();
    }

    @Test
    void forbiddenCallIsLoggedAgainstTheKeyThatMadeIt() {
        Api.Tenant reader = acme.withKeyScoped("read");
        String readerKeyId = rows.apiKeyIds().getLast();

        Api.Response r = reader.call("CreateCustomer", aCustomer().build());

        ApiCallRow row = assertFailedCall(r, "CreateCustomer", "customer", "create", 403, "forbidden");
        assertThat(row.actorId()).isEqualTo(readerKeyId).isNotEqualTo(keyId);
    }

    @Test
    void everyCallGetsItsOwnRow() {
        for (int i = 0; i < 5; i++) acme.call("GetCustomers", Json.object());
        acme.call("GetCustomer", customer(Ids.newId()));

        List<ApiCallRow> calls = rows.apiCalls();
        assertThat(calls).hasSize(6);
        assertThat(calls).extracting(ApiCallRow::id).doesNotHaveDuplicates();
        assertThat(calls).filteredOn(c -> c.code() == 1).hasSize(5);
    }

    private ApiCallRow assertFailedCall(Api.Response r, String operation, String type, String method, int status, String errorType) {
        ApiCallRow row = rows.apiCall(r.apiCallId()).orElseThrow(() -> new AssertionError("no api_call row for " + r));
        assertThat(row.operation()).isEqualTo(operation);
        assertThat(row.type()).isEqualTo(type);
        assertThat(row.method()).isEqualTo(method);
        assertThat(row.code()).isZero();
        assertThat(row.httpStatus()).isEqualTo(status);
        assertThat(row.errorType()).isEqualTo(errorType);
        assertThat(row.actorKind()).isEqualTo("api_key");
        assertThat(rows.eventsOfCall(r.apiCallId())).isEmpty();
        assertThat(rows.auditRowsOfCall(r.apiCallId())).isEmpty();
        return row;
    }

    private Map<String, Long> countChanges() {
        Map<String, Long> counts = new LinkedHashMap<>();
        CHANGE_TABLES.forEach(table -> counts.put(table, rows.count(table)));
        return counts;
    }

    /**
     * Runs {@code call} while the database refuses, for this tenant only, to write an event about the
     * metadata name given: a real failure in the middle of a transaction, injected with a trigger.
     */
    private static <T> T withEventInsertFailingFor(String tenantId, String metadataName, Supplier<T> call) {
        return withEventInsertFailingWhen(tenantId, "NEW.payload->>'name' = '" + metadataName + "'", call);
    }

    /** As {@link #withEventInsertFailingFor}, for the events of this tenant that match a trigger condition on NEW. */
    private static <T> T withEventInsertFailingWhen(String tenantId, String condition, Supplier<T> call) {
        Jdbi owner = Owner.jdbi();
        String suffix = tenantId.toLowerCase(Locale.ROOT);
        owner.useHandle(h -> {
            h.execute("CREATE FUNCTION injected_failure_" + suffix + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN RAISE EXCEPTION 'injected failure'; END $$");
            h.execute("CREATE TRIGGER injected_failure_" + suffix + " BEFORE INSERT ON event FOR EACH ROW"
                    + " WHEN (NEW.tenant_id = '" + tenantId + "' AND " + condition + ")"
                    + " EXECUTE FUNCTION injected_failure_" + suffix + "()");
        });
        try {
            return call.get();
        } finally {
            owner.useHandle(h -> {
                h.execute("DROP TRIGGER injected_failure_" + suffix + " ON event");
                h.execute("DROP FUNCTION injected_failure_" + suffix + "()");
            });
        }
    }
}
