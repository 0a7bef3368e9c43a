package io.clientele.platform;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * State a feature keeps for the length of one transaction, with work to do on it just before the
 * transaction commits (in the transaction, so the work commits or rolls back with the call). Customer groups
 * use it to collect the customers a call changed and re-evaluate their memberships once, at the end.
 * Declare one as a constant and reach it with {@link Tx#local(TxLocal)}; a rolled-back transaction runs
 * nothing.
 */
public final class TxLocal<S> {
    private final String name;
    private final Supplier<S> initial;
    private final BiConsumer<Tx, S> beforeCommit;

    /**
     * @param beforeCommit runs once per transaction that reached this local, after the call's work and before
     *                     the commit; it may reach other locals (or this one again: it then runs again)
     */
    public TxLocal(String name, Supplier<S> initial, BiConsumer<Tx, S> beforeCommit) {
        this.name = name;
        this.initial = initial;
        this.beforeCommit = beforeCommit;
    }

    S initial() {
        return initial.get();
    }

    void beforeCommit(Tx tx, S state) {
        beforeCommit.accept(tx, state);
    }

    @Override
    public String toString() {
        return name;
    }
}
