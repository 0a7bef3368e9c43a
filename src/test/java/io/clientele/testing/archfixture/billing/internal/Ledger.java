package io.clientele.testing.archfixture.billing.internal;

/** Fixture for ArchitectureTest: a feature's internal class. */
public final class Ledger {
    public long balance() {
        return 0;
    }
}
