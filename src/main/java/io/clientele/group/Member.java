package io.clientele.group;

import java.time.Instant;

/** A customer in a group: when it joined and how ({@code manual}: AddCustomerToGroup). */
public record Member(String customerId, Instant addedAt, String how) {}
