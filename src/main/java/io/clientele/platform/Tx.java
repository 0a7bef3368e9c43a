package io.clientele.platform;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * One call's unit of work: the tenant it runs for, the open transaction (which already set
 * {@code app.tenant_id} for row-level security), who is acting, from where, and the call's time.
 * Stores take it as their first argument and put {@link #tenant()} in every query. {@link #local} holds what a
 * feature collects during the transaction and acts on just before it commits.
 */
public record Tx(TenantId tenant, Handle handle, Actor actor, Origin origin, String apiCallId, Instant now, TxLocals locals) {
    /** This transaction's state of {@code local}, created on first use; its before-commit work will run. */
    public <S> S local(TxLocal<S> local) {
        return locals.get(local);
    }
}
