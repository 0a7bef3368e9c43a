package io.clientele.customer;

import io.clientele.platform.Tx;
import java.util.Map;

/**
 * A feature's part in merging two customers: it moves the records it keeps for the secondary customer
 * to the primary (or, in a dry run, only counts them), and recomputes what it derives from them. It runs
 * in the merge's transaction while both customers are still live, and emits no events for what it moves,
 * so automation does not fire again for old sales or notes. Register with {@link Customers#onMerge}.
 */
@FunctionalInterface
public interface MergeParticipant {
    /** Records moved (or that would move), by kind, e.g. {@code sale -> 3}; kinds with none may be left out. */
    Map<String, Long> move(Tx tx, String fromCustomerId, String toCustomerId, boolean dryRun);
}
