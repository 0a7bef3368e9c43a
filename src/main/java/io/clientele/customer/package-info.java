/**
 * Customers: identity, contact, address, status, lifecycle stage, tags, soft delete; metadata and notes
 * on customer-related items; the activity timeline. The root package is the feature's API
 * ({@link io.clientele.customer.Customers}, {@link io.clientele.customer.ItemTypes}); {@code internal} is not.
 */
package io.clientele.customer;
