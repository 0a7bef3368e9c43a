package io.clientele.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.internal.CustomerSchemas;
import java.util.List;

/**
 * The fields of a new customer ({@code CreateCustomer}'s input, and what commerce passes when a sale
 * creates its customer). Null means "not given": status defaults to {@code enabled}, lifecycle stage
 * to {@code customer}, tags to none.
 */
public record CustomerDraft(
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String internalId,
        String campaignId,
        Address address,
        String status,
        String lifecycleStage,
        List<String> tags,
        String source) {

    /**
     * The JSON Schema of a draft, exactly as CreateCustomer takes it (one definition, one set of limits),
     * for operations of other features that accept a new customer's details.
     */
    public static ObjectNode jsonSchema(String description) {
        return CustomerSchemas.newCustomer(description);
    }
}
