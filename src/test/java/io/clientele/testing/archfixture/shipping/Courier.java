package io.clientele.testing.archfixture.shipping;

import io.clientele.testing.archfixture.billing.internal.Ledger;
import java.time.Instant;

/** Fixture for ArchitectureTest: a feature that reaches into another's internals and reads the wall clock. */
public final class Courier {
    public long chargeAt() {
        return new Ledger().balance() + Instant.now().getEpochSecond();
    }
}
