/**
 * Tenants and their API keys: creation (admin API), hashed key storage, authentication of a key to its
 * tenant. The root package is the feature's API.
 */
package io.clientele.tenant;
