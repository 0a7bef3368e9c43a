package io.clientele.group;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A customer group as stored and answered. {@code qualifiers} is the request's object as sent (inactive
 * branches included, so what was sent reads back); {@link #qualifier()} is the parsed rule that counts.
 */
public record CustomerGroup(String customerGroupId, String name, String description, boolean enabled,
                            QualifierMethod qualifierMethod, JsonNode qualifiers, Qualifier qualifier,
                            Instant createdAt, Instant updatedAt) {}
