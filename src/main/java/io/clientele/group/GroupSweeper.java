package io.clientele.group;

import io.clientele.group.internal.Membership;
import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings day-counted group qualifiers ({@code days_since_created}, {@code days_last_sale},
 * {@code days_last_renewal}) current every hour: time alone changes who qualifies, and no write announces it.
 * Each tenant with enabled rule-based groups gets a set-based sweep of the groups that count days and the
 * composite groups that read them, one group per transaction. {@code EvaluateCustomerGroups} does the same on
 * demand.
 */
public final class GroupSweeper implements AutoCloseable {
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(GroupSweeper.class);

    private final Jdbi owner;
    private final Transactions transactions;
    private final Membership membership;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "customer-group-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** @param owner the database owner's connections, which may list every tenant's groups (V17's policy) */
    GroupSweeper(DataSource owner, Transactions transactions, Membership membership) {
        this.owner = Jdbi.create(owner);
        this.transactions = transactions;
        this.membership = membership;
    }

    public void start() {
        worker.scheduleWithFixedDelay(this::sweepQuietly, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sweeps every tenant now; answers how many memberships changed. */
    public int sweep() {
        List<String> tenants = owner.withHandle(h -> h.createQuery("SELECT DISTINCT tenant_id FROM customer_group"
                + " WHERE enabled AND qualifier_method <> 'none' ORDER BY tenant_id").mapTo(String.class).list());
        int changed = 0;
        for (String tenant : tenants) changed += sweep(new TenantId(tenant), true);
        return changed;
    }

    /** Sweeps one tenant: its day-counting groups (and their readers), or with {@code dayCountedOnly} false, all. */
    public int sweep(TenantId tenant, boolean dayCountedOnly) {
        return membership.sweep(transactions, tenant, dayCountedOnly).stream()
                .mapToInt(d -> d.added().size() + d.removed().size()).sum();
    }

    private void sweepQuietly() {
        try {
            long started = System.nanoTime();
            int changed = sweep();
            if (changed > 0) {
                log.info("customer group sweep changed {} memberships in {} ms", changed, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("the customer group sweep failed; it runs again in {} minutes", EVERY.toMinutes(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
