package io.clientele.customer;

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
        String source) {}
