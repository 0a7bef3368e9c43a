package io.clientele.platform;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * One call's unit of work: the tenant it runs for, the open transaction (which already set
 * {@code app.tenant_id} for row-level security), who is acting, from where, and the call's time.
 * Stores take it as their first argument and put {@link #tenant()} in every query.
 */
public record Tx(TenantId tenant, Handle handle, Actor actor, Origin origin, String apiCallId, Instant now) {}
