package io.clientele.platform;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link TxLocal} states of one transaction, and which of them have before-commit work pending. */
public final class TxLocals {
    /** A before-commit pass that keeps reaching locals is a bug (two features feeding each other), not work. */
    private static final int MAX_PASSES = 100;

    private final Map<TxLocal<?>, Object> states = new IdentityHashMap<>();
    private final Set<TxLocal<?>> pending = new LinkedHashSet<>();

    TxLocals() {}

    @SuppressWarnings("unchecked")
    <S> S get(TxLocal<S> local) {
        pending.add(local);
        return (S) states.computeIfAbsent(local, l -> local.initial());
    }

    /** Runs the pending before-commit work, in the order the locals were first reached, until none is left. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void beforeCommit(Tx tx) {
        for (int pass = 0; !pending.isEmpty(); pass++) {
            if (pass == MAX_PASSES) throw new IllegalStateException("before-commit work did not settle: " + pending);
            List<TxLocal<?>> now = new ArrayList<>(pending);
            pending.clear();
            for (TxLocal local : now) local.beforeCommit(tx, states.get(local));
        }
    }
}
