/**
 * Commerce: the catalogue (products, product groups, campaigns, third-party shops) and, to come, sales and
 * lifetime value. The root package is the feature's API ({@link io.clientele.commerce.Catalogue}); {@code internal} is not.
 */
package io.clientele.commerce;
