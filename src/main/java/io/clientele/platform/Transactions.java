package io.clientele.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/** Opens tenant-scoped transactions: the tenant is set for row-level security before any statement runs. */
public final class Transactions {
    private final Jdbi jdbi;
    private final Clock clock;

    public Transactions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public <T> T inTenant(TenantId tenant, Actor actor, Origin origin, String apiCallId, Function<Tx, T> work) {
        // PostgreSQL keeps microseconds; so does every timestamp we hand out, so JSON copies match the rows.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT set_config('app.tenant_id', :tenant, true)")
                    .bind("tenant", tenant.value())
                    .mapTo(String.class)
                    .one();
            Tx tx = new Tx(tenant, handle, actor, origin, apiCallId, now, new TxLocals());
            T result = work.apply(tx);
            tx.locals().beforeCommit(tx);
            return result;
        });
    }

    /** Work done by the system itself for a tenant (sweeps, sealing), with no caller. */
    public <T> T asSystem(TenantId tenant, Function<Tx, T> work) {
        return inTenant(tenant, Actor.system(), Origin.NONE, null, work);
    }

    public Clock clock() {
        return clock;
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
