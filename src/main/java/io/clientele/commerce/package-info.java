/**
 * Commerce: the catalogue (products, product groups, campaigns, third-party shops), sales with their product
 * sales, transactions and refunds, and each customer's lifetime value. The root package is the feature's API
 * ({@link io.clientele.commerce.Catalogue}, {@link io.clientele.commerce.Sales},
 * {@link io.clientele.commerce.LifetimeValues}); {@code internal} is not.
 */
package io.clientele.commerce;
