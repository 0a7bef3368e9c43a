package io.clientele.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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
            setTenant(handle, tenant);
            Tx tx = new Tx(tenant, handle, actor, origin, apiCallId, now, new TxLocals());
            T result = work.apply(tx);
            tx.locals().beforeCommit(tx);
            return result;
        });
    }

    /** Plain JDBC: every call runs this first, and Jdbi's statement machinery cost more than the statement. */
    private static void setTenant(Handle handle, TenantId tenant) {
        try (PreparedStatement ps = handle.getConnection().prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("set_config answered no row");
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
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
