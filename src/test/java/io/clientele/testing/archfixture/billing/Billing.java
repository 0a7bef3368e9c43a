package io.clientele.testing.archfixture.billing;

import io.clientele.testing.archfixture.billing.internal.Ledger;

/** Fixture for ArchitectureTest: a feature's API using its own internals (allowed). */
public final class Billing {
    private final Ledger ledger = new Ledger();

    public long balance() {
        return ledger.balance();
    }
}
