/**
 * Events: the outbox written in the same transaction as each change, with the seeds' notations and a
 * per-customer sequence number. Delivery (dispatcher, webhooks, triggers) builds on these rows.
 */
package io.clientele.event;
