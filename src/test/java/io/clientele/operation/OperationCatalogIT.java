package io.clientele.operation;

import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Nodes.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/ops and GET /v1/openapi.json: every operation, described, with closed input schemas. */
class OperationCatalogIT {
    private static final List<String> OPERATIONS = List.of("CreateCustomer", "CreateCustomers", "GetCustomer", "EditCustomer", "GetCustomers", "SearchCustomers",
            "FindDuplicateCustomers", "GetDuplicateCustomerReport", "AddMatchBlocklistEntry", "GetMatchBlocklist",
            "RemoveMatchBlocklistEntry", "MergeCustomers",
            "DeleteCustomer", "RestoreCustomer", "InsertMetadata", "GetMetadata", "DeleteMetadata", "CreateNote", "GetNotes",
            "GetCustomerTimeline", "GetAuditLog", "VerifyAuditLog",
            "UpsertProduct", "GetProduct", "GetProducts", "UpsertProductGroup", "GetProductGroups", "UpsertCampaign", "GetCampaigns",
            "UpsertThirdPartyShop", "GetThirdPartyShops",
            "CreateSale", "GetSale", "GetSales", "EditSale", "CreateRefund", "GetLifetimeValue", "RebuildLifetimeValues",
            "CreateChargeback", "CreatePaypalDispute", "CreateFraudDetection", "CreateSubscription", "GetSubscription",
            "GetSubscriptions", "EditSubscription", "CreateSubscriptionRenewal", "EditSubscriptionRenewal",
            "CreateShipping", "GetShipping", "EditShipping",
            "GetProductsPurchased", "ImportCommerceHistory",
            "CreateCustomerGroup", "EditCustomerGroup", "GetCustomerGroup", "GetCustomerGroups", "DeleteCustomerGroup",
            "AddCustomerToGroup", "RemoveCustomerFromGroup", "GetCustomerGroupMembers", "PreviewCustomerGroup",
            "EvaluateCustomerGroups");

    private final Api api = TestServer.api();

    @Test
    void catalogListsEveryOperationWithItsDescriptionScopeAndSchemas() {
        JsonNode operations = api.get("/v1/ops").body().path("operations");

        assertThat(texts(operations, "name")).containsExactlyInAnyOrderElementsOf(OPERATIONS);
        for (JsonNode op : operations) {
            assertThat(fieldNames(op)).containsExactly("name", "type", "method", "description", "scope", "effect",
                    "input_schema", "output_schema");
            assertThat(op.path("description").asText()).as(op.path("name").asText()).hasSizeGreaterThan(20);
            assertThat(op.path("scope").asText()).isIn("read", "write");
            assertThat(op.path("scope").asText()).as(op.path("name").asText())
                    .isEqualTo(op.path("effect").asText().equals("read") ? "read" : "write");
        }
    }

    @Test
    void readOperationsNeedOnlyTheReadScope() {
        JsonNode operations = api.get("/v1/ops").body().path("operations");
        List<String> reads = new ArrayList<>();
        operations.forEach(op -> {
            if (op.path("scope").asText().equals("read")) reads.add(op.path("name").asText());
        });

        assertThat(reads).containsExactlyInAnyOrder("GetCustomer", "GetCustomers", "SearchCustomers", "FindDuplicateCustomers",
                "GetDuplicateCustomerReport", "GetMatchBlocklist", "GetMetadata", "GetNotes",
                "GetCustomerTimeline", "GetAuditLog", "VerifyAuditLog",
                "GetProduct", "GetProducts", "GetProductGroups", "GetCampaigns", "GetThirdPartyShops",
                "GetSale", "GetSales", "GetLifetimeValue", "GetSubscription", "GetSubscriptions", "GetShipping",
                "GetProductsPurchased",
                "GetCustomerGroup", "GetCustomerGroups", "GetCustomerGroupMembers", "PreviewCustomerGroup");
    }

    @Test
    void everyInputSchemaIsClosedAtEveryLevelAndBoundsEveryString() {
        for (JsonNode op : api.get("/v1/ops").body().path("operations")) {
            List<String> open = new ArrayList<>();
            walk(op.path("input_schema"), "", open);
            assertThat(open).as(op.path("name").asText()).isEmpty();
        }
    }

    @Test
    void openApiDocumentHasAPostForEveryOperation() {
        JsonNode doc = api.get("/v1/openapi.json").body();

        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        for (String name : OPERATIONS) {
            JsonNode post = doc.path("paths").path("/v1/ops/" + name).path("post");
            assertThat(post.path("operationId").asText()).isEqualTo(name);
            assertThat(post.at("/requestBody/content/application~1json/schema/additionalProperties").asBoolean(true)).isFalse();
            assertThat(fieldNames(post.path("responses"))).contains("200", "400", "401", "403", "404", "409", "413", "415", "429");
        }
    }

    @Test
    void moneyIsPublishedAsANumberFromZeroToTheLargestNumeric14Point2WithCents() {
        JsonNode price = api.get("/v1/ops").body().path("operations").findParents("name").stream()
                .filter(op -> op.path("name").asText().equals("UpsertProduct")).findFirst().orElseThrow()
                .at("/input_schema/properties/price");

        assertThat(price.path("type").asText()).isEqualTo("number");
        assertThat(price.path("minimum").decimalValue()).isEqualByComparingTo("0");
        assertThat(price.path("maximum").decimalValue()).isEqualByComparingTo("99999999999.99");
        assertThat(price.path("multipleOf").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(price.path("description").asText()).contains("tenant's currency");
    }

    @Test
    void createCustomerGroupPublishesSeed002sSchemaAndExactlyItsFiveOutputFields() {
        JsonNode op = api.get("/v1/ops").body().path("operations").findParents("name").stream()
                .filter(o -> o.path("name").asText().equals("CreateCustomerGroup")).findFirst().orElseThrow();
        JsonNode in = op.path("input_schema");
        JsonNode sv = in.at("/properties/qualifiers/properties/specific_values/properties");

        assertThat(fieldNames(in.path("properties"))).containsExactly("name", "description", "enabled", "qualifier_method",
                "qualifiers");
        assertThat(in.has("required")).isFalse();
        assertThat(texts(in.at("/properties/qualifier_method/enum"))).containsExactly("none", "specific_values", "customer_group");
        assertThat(fieldNames(in.at("/properties/qualifiers/properties"))).containsExactly("specific_values", "customer_group");
        assertThat(fieldNames(sv)).containsExactly("filters", "values", "subscription_options");
        assertThat(fieldNames(sv.at("/filters/properties"))).containsExactly("campaign", "product_group", "third_party_shop", "metadata");
        assertThat(fieldNames(sv.at("/filters/properties/metadata/items/properties"))).containsExactly("name", "value");
        assertThat(fieldNames(sv.at("/values/properties"))).containsExactly("has_no_sales", "days_since_created",
                "lifetime_value", "lifetime_refunded", "num_sale", "avg_sale", "days_last_sale", "num_success_sale",
                "num_upsell_sale", "num_pending_declined_sale", "num_pending_abandoned_sale", "num_fraud_detection",
                "lifetime_chargeback", "num_chargeback", "lifetime_paypal_dispute", "num_paypal_dispute");
        assertThat(fieldNames(sv.at("/values/properties/lifetime_value/properties"))).containsExactly("enabled", "min", "max");
        assertThat(sv.at("/values/properties/days_last_sale/properties/min/minimum").asInt()).isEqualTo(1);
        assertThat(fieldNames(sv.at("/subscription_options/properties"))).containsExactly("enabled", "days_last_renewal",
                "num_renewal", "num_success_renewal", "num_overdue_renewal", "status");
        assertThat(texts(sv.at("/subscription_options/properties/status/items/enum"))).containsExactly("active", "trial",
                "overdue", "occurrence_limit", "suspended", "cancelled");
        assertThat(fieldNames(in.at("/properties/qualifiers/properties/customer_group/properties"))).containsExactly(
                "in_any_customer_group", "in_all_customer_group", "not_in_customer_group");
        assertThat(fieldNames(op.at("/output_schema/properties"))).containsExactlyInAnyOrder("api_call_id", "api_call_unix",
                "code", "customer_group_id", "result", "warnings");
        assertThat(op.path("description").asText()).contains("max 0 is NOT", "has_no_sales", "METADATA_NAME_EXISTS",
                "in_any_customer_group", "enabled false", "placeholders");
    }

    private static void walk(JsonNode schema, String at, List<String> problems) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        if (type.equals("object")) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                problems.add(at + " is an object without additionalProperties: false");
            }
            schema.path("properties").properties().forEach(p -> walk(p.getValue(), at + "/" + p.getKey(), problems));
        } else if (type.equals("array")) {
            walk(schema.path("items"), at + "/items", problems);
        } else if (type.equals("string") && !schema.has("maxLength") && !schema.has("enum")) {
            problems.add(at + " is a string without maxLength");
        }
    }
}
