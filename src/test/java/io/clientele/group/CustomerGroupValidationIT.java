package io.clientele.group;

import static io.clientele.group.GroupFixtures.compositeGroup;
import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.manualGroup;
import static io.clientele.group.GroupFixtures.range;
import static io.clientele.group.GroupFixtures.values;
import static io.clientele.group.GroupFixtures.valuesGroup;
import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 5's semantics and seed 002's checklist, one rule per test: what is refused, what is warned about, and how. */
class CustomerGroupValidationIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");

    private static JsonNode warning(Api.Response r, int i) {
        return r.body().path("warnings").path(i);
    }

    private static JsonNode detail(Api.Response r, int i) {
        return r.body().at("/error/details").path(i);
    }

    @Test
    void aManualGroupWithASpecificValuesBranchIsAcceptedWithAWarningThatTheBranchIsIgnored() {
        ObjectNode group = manualGroup("Do Not Contact");
        ((ObjectNode) group.get("qualifiers")).putObject("specific_values")
                .set("values", values("lifetime_value", range(true, 500, 999999)));

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.ok()).isTrue();
        assertThat(r.body().path("warnings")).hasSize(1);
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values");
        assertThat(warning(r, 0).path("message").asText()).startsWith("ignored: qualifier_method is none")
                .contains("AddCustomerToGroup").contains("qualifier_method customer_group group");
    }

    @Test
    void customerGroupExclusionsSentWithSpecificValuesAreIgnoredAndTheWarningExplainsLayeredGroups() {
        String doNotContact = create(acme, manualGroup("Do Not Contact"));
        ObjectNode group = valuesGroup("High Value", values("lifetime_value", range(true, 500, 999999)));
        ((ObjectNode) group.get("qualifiers")).putObject("customer_group").putArray("not_in_customer_group").add(doNotContact);

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.ok()).isTrue();
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/customer_group");
        assertThat(warning(r, 0).path("message").asText()).contains("not evaluated")
                .contains("create a qualifier_method customer_group group").contains("not_in_customer_group");
    }

    @Test
    void specificValuesSentWithCustomerGroupAreIgnoredWithAWarning() {
        String highValue = create(acme, valuesGroup("High Value", values("lifetime_value", range(true, 500, 999999))));
        ObjectNode group = compositeGroup("High Value Eligible", new String[] {highValue}, new String[0]);
        ((ObjectNode) group.get("qualifiers")).putObject("specific_values")
                .set("values", values("lifetime_value", range(true, 500, 999999)));

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.ok()).isTrue();
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values");
        assertThat(warning(r, 0).path("message").asText()).contains("qualifier_method is customer_group")
                .contains("in_all_customer_group");
    }

    @ParameterizedTest
    @ValueSource(strings = {"days_since_created", "days_last_sale"})
    void daysBoundsMustBeGreaterThanZero(String figure) {
        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("Recent", values(figure, range(true, 0, 30))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/values/" + figure + "/min");
        assertThat(detail(r, 0).path("message").asText()).isEqualTo("must be at least 1");
    }

    @Test
    void daysLastRenewalBoundsMustBeGreaterThanZeroToo() {
        ObjectNode group = valuesGroup("Renewed", Json.object());
        ((ObjectNode) group.at("/qualifiers/specific_values")).putObject("subscription_options").put("enabled", true)
                .set("days_last_renewal", range(true, 1, 0));

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText())
                .isEqualTo("/qualifiers/specific_values/subscription_options/days_last_renewal/max");
    }

    @Test
    void minAboveMaxIsRefusedSayingMaxZeroIsNotNoLimitAndSuggestingALargeMax() {
        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("High Value", values("lifetime_value", range(true, 500, 0))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/values/lifetime_value");
        assertThat(detail(r, 0).path("message").asText()).contains("min (500) is greater than max (0)")
                .contains("max: 0 is not \"no limit\"").contains("large max such as 999999");
    }

    @Test
    void zeroToZeroMeansExactlyZeroAndIsNotWarnedAbout() {
        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("No Chargebacks", values("num_chargeback", range(true, 0, 0))));

        assertThat(r.ok()).isTrue();
        assertThat(r.body().has("warnings")).isFalse();
    }

    @Test
    void anEnabledRangeNeedsBothBounds() {
        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("Buyers", values("num_sale", range(true, 1, null))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/values/num_sale/max");
        assertThat(detail(r, 0).path("message").asText()).contains("required when the range is enabled");
    }

    @Test
    void aDisabledRangeIsIgnoredEvenWithoutBounds() {
        ObjectNode v = values("num_sale", range(false, null, null));
        v.set("lifetime_value", range(true, 1, 999999));

        assertThat(acme.call("CreateCustomerGroup", valuesGroup("Buyers", v)).ok()).isTrue();
    }

    @Test
    void hasNoSalesIgnoresEveryOtherValueButDaysSinceCreatedAndSaysSo() {
        ObjectNode v = Json.object().put("has_no_sales", true);
        v.set("days_since_created", range(true, 7, 365));
        v.set("lifetime_value", range(true, 1, 999999));

        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("Prospects", v));

        assertThat(r.ok()).isTrue();
        assertThat(r.body().path("warnings")).hasSize(1);
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/values/lifetime_value");
        assertThat(warning(r, 0).path("message").asText()).contains("has_no_sales is true");
    }

    @Test
    void subscriptionOptionsThatAreNotEnabledAreIgnoredWithAWarning() {
        ObjectNode group = valuesGroup("Overdue", values("num_sale", range(true, 1, 999999)));
        ((ObjectNode) group.at("/qualifiers/specific_values")).putObject("subscription_options").put("enabled", false)
                .putArray("status").add("overdue");

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.ok()).isTrue();
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/subscription_options");
        assertThat(warning(r, 0).path("message").asText()).contains("Set enabled to true");
    }

    @Test
    void subscriptionStatusesMustBeTheSeedsValues() {
        ObjectNode group = valuesGroup("Overdue", Json.object());
        ((ObjectNode) group.at("/qualifiers/specific_values")).putObject("subscription_options").put("enabled", true)
                .putArray("status").add("overdue").add("past_due");

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/subscription_options/status/1");
        assertThat(detail(r, 0).path("message").asText())
                .isEqualTo("must be one of: active, trial, overdue, occurrence_limit, suspended, cancelled");
    }

    @Test
    void aSpecificValuesGroupThatConstrainsNothingIsWarnedToQualifyEveryone() {
        Api.Response r = acme.call("CreateCustomerGroup", valuesGroup("Everyone", values("num_sale", range(false, 1, 2))));

        assertThat(r.ok()).isTrue();
        assertThat(warning(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values");
        assertThat(warning(r, 0).path("message").asText()).contains("qualifies every customer");
    }

    @Test
    void theSelectedBranchMustBeSent() {
        ObjectNode group = Json.object().put("name", "Rules").put("qualifier_method", "specific_values");
        group.putObject("qualifiers").putObject("customer_group");

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values");
    }

    @Test
    void aCompositeGroupMustListAtLeastOneGroup() {
        Api.Response r = acme.call("CreateCustomerGroup", compositeGroup("Nobody", new String[0], new String[0]));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/customer_group");
    }

    @Test
    void nameAndQualifierMethodAreNeeded() {
        Api.Response r = acme.call("CreateCustomerGroup", Json.object().put("description", "Something"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(texts(r.body().at("/error/details"), "path")).containsExactly("/name", "/qualifier_method");
    }

    @Test
    void anUnknownFieldAnywhereIsRefusedByName() {
        ObjectNode group = valuesGroup("High Value", values("lifetime_value", range(true, 1, 2)));
        ((ObjectNode) group.at("/qualifiers/specific_values/values/lifetime_value")).put("inclusive", true);

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/values/lifetime_value/inclusive");
    }

    @Test
    void namesAreUniqueWithoutRegardToCase() {
        String first = create(acme, manualGroup("VIP Customers"));

        Api.Response r = acme.call("CreateCustomerGroup", manualGroup("vip customers"));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().at("/error/message").asText()).contains(first);
    }

    @ParameterizedTest
    @CsvSource({"UpsertCampaign,campaign,campaign_id", "UpsertProductGroup,product_group,product_group_id",
            "UpsertThirdPartyShop,third_party_shop,third_party_shop_id"})
    void filterIdsMustExistInTheTenant(String upsert, String filter, String idField) {
        String real = acme.ok(upsert, named("Spring")).text(idField);
        String missing = Ids.newId();
        ObjectNode group = valuesGroup("Spring buyers", Json.object());
        ((ObjectNode) group.at("/qualifiers/specific_values")).putObject("filters").putArray(filter).add(real).add(missing);

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorType()).isEqualTo("not_found");
        assertThat(r.body().at("/error/details")).hasSize(1);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/specific_values/filters/" + filter + "/1");

        ((ObjectNode) group.at("/qualifiers/specific_values/filters")).putArray(filter).add(real);
        assertThat(acme.call("CreateCustomerGroup", group).ok()).isTrue();
    }

    @Test
    void aPlaceholderFilterIdIsRefusedAsNotARealId() {
        ObjectNode group = valuesGroup("Campaign buyers", Json.object());
        ((ObjectNode) group.at("/qualifiers/specific_values")).putObject("filters").putArray("campaign").add("CAMPAIGN_ID");

        Api.Response r = acme.call("CreateCustomerGroup", group);

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("message").asText()).contains("'CAMPAIGN_ID' is not a campaign_id")
                .contains("real 20-character id");
    }

    @Test
    void referencedGroupsMustExistInTheTenant() {
        String missing = Ids.newId();

        Api.Response r = acme.call("CreateCustomerGroup", compositeGroup("Composite", new String[] {missing}, new String[0]));

        assertThat(r.status()).isEqualTo(404);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/customer_group/in_all_customer_group/0");
        assertThat(detail(r, 0).path("message").asText()).contains(missing);
    }

    @Test
    void aGroupCannotListItself() {
        String a = create(acme, manualGroup("A"));
        String composite = create(acme, compositeGroup("Composite", new String[] {a}, new String[0]));

        Api.Response r = acme.call("EditCustomerGroup", groupId(composite)
                .set("qualifiers", compositeGroup("x", new String[] {a}, new String[] {composite}).get("qualifiers")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/customer_group/not_in_customer_group/0");
        assertThat(detail(r, 0).path("message").asText()).contains("cannot list itself");
    }

    @Test
    void aCycleAmongGroupsIsRefusedWithTheCycleNamed() {
        String base = create(acme, manualGroup("Base"));
        String first = create(acme, compositeGroup("First", new String[] {base}, new String[0]));
        String second = create(acme, compositeGroup("Second", new String[] {first}, new String[0]));

        Api.Response r = acme.call("EditCustomerGroup", groupId(first)
                .set("qualifiers", compositeGroup("x", new String[] {base}, new String[] {second}).get("qualifiers")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(detail(r, 0).path("path").asText()).isEqualTo("/qualifiers/customer_group");
        assertThat(r.body().at("/error/message").asText()).contains("cycle")
                .contains("\"First\" (" + first + ") -> \"Second\" (" + second + ") -> \"First\" (" + first + ")");
    }

    @Test
    void aRefusedCreateWritesNoGroup() {
        acme.call("CreateCustomerGroup", valuesGroup("High Value", values("lifetime_value", range(true, 500, 0))));

        assertThat(acme.ok("GetCustomerGroups", Json.object()).body().path("customer_groups")).isEmpty();
    }
}
