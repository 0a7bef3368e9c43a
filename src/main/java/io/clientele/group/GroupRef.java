package io.clientele.group;

/** A group named by its id and name, e.g. in a customer's profile or in a refusal that lists dependants. */
public record GroupRef(String customerGroupId, String name) {}
