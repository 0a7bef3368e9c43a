package io.clientele.customer;

import java.util.List;

/**
 * A change to a customer: a null field is left as it is; an empty string clears it. {@code tags}
 * replaces the whole list; {@code addTags} and {@code removeTags} edit it in place.
 */
public record CustomerChanges(
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
        List<String> addTags,
        List<String> removeTags,
        String source) {}
