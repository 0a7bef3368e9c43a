package io.clientele.testing;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The database owner (a superuser), for the few tests that must act outside the application's role:
 * catalogue checks, tampering with a test's own tenant, injecting a fault. Never used to set up data.
 */
public final class Owner {
    private Owner() {}

    public static Jdbi jdbi() {
        return Jdbi.create(TestDatabase.get().ownerDataSource());
    }

    /** Runs {@code work} in a transaction that is always rolled back, whatever it managed to do. */
    public static void rolledBack(Consumer<Handle> work) {
        jdbi().useHandle(h -> {
            h.begin();
            try {
                work.accept(h);
            } finally {
                h.rollback();
            }
        });
    }

    /** Runs {@code work} in a transaction that commits. */
    public static void committed(Consumer<Handle> work) {
        jdbi().useTransaction(work::accept);
    }
}
