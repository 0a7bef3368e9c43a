package io.clientele.operation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes idempotency keys older than a day, every ten minutes, so the table holds about one day of writes. */
public final class IdempotencyKeySweeper implements AutoCloseable {
    static final Duration EVERY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeySweeper.class);

    private final Jdbi owner;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "idempotency-key-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** @param owner the database owner's connections (the application role cannot delete keys) */
    public IdempotencyKeySweeper(DataSource owner, Clock clock) {
        this.owner = Jdbi.create(owner);
        this.clock = clock;
    }

    public void start() {
        worker.scheduleWithFixedDelay(this::sweepQuietly, EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Deletes the expired keys now; answers how many. */
    public int sweep() {
        return IdempotencyKeys.sweep(owner, clock.instant(), 10_000);
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) log.info("deleted {} expired idempotency keys", deleted);
        } catch (RuntimeException e) {
            log.warn("could not delete expired idempotency keys; will try again in {} minutes", EVERY.toMinutes(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
