package io.clientele.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.platform.Json;

/** CreateCustomer input that reads like prose: {@code aCustomer().named("Jane", "Doe").livingIn("US").build()}. */
public final class CustomerBuilder {
    private final ObjectNode json = Json.object();

    private CustomerBuilder() {}

    /** A customer with nothing but a unique email. */
    public static CustomerBuilder aCustomer() {
        return new CustomerBuilder().withEmail("someone+" + Ids.random(8) + "@example.com");
    }

    public CustomerBuilder withoutEmail() {
        json.remove("email");
        return this;
    }

    public CustomerBuilder named(String firstName, String lastName) {
        json.put("first_name", firstName).put("last_name", lastName);
        return this;
    }

    public CustomerBuilder withEmail(String email) {
        json.put("email", email);
        return this;
    }

    public CustomerBuilder withPhone(String phone) {
        json.put("phone", phone);
        return this;
    }

    public CustomerBuilder atCompany(String company) {
        json.put("company", company);
        return this;
    }

    public CustomerBuilder knownInternallyAs(String internalId) {
        json.put("internal_id", internalId);
        return this;
    }

    public CustomerBuilder fromCampaign(String campaignId) {
        json.put("campaign_id", campaignId);
        return this;
    }

    public CustomerBuilder livingAt(String line1, String city, String zip, String country) {
        address().put("line1", line1).put("city", city).put("zip", zip).put("country", country);
        return this;
    }

    public CustomerBuilder livingIn(String country) {
        address().put("country", country);
        return this;
    }

    public CustomerBuilder withStatus(String status) {
        json.put("status", status);
        return this;
    }

    public CustomerBuilder inStage(String lifecycleStage) {
        json.put("lifecycle_stage", lifecycleStage);
        return this;
    }

    public CustomerBuilder tagged(String... tags) {
        ArrayNode array = json.putArray("tags");
        for (String tag : tags) array.add(tag);
        return this;
    }

    public CustomerBuilder from(String source) {
        json.put("source", source);
        return this;
    }

    public ObjectNode build() {
        return json.deepCopy();
    }

    private ObjectNode address() {
        return json.has("address") ? (ObjectNode) json.get("address") : json.putObject("address");
    }
}
