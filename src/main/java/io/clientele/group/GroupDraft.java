package io.clientele.group;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A group definition as a request sends it: for a create, what is missing takes its default; for an edit, a null
 * field stays as it is (an empty description clears it, and {@code qualifiers}, when sent, replaces the whole
 * object). {@code qualifiers} is the raw object; {@link Groups} parses it into a {@link Qualifier}.
 */
public record GroupDraft(String name, String description, Boolean enabled, String qualifierMethod, JsonNode qualifiers) {}
