package io.clientele.testing.archfixture.platform;

import java.time.Instant;

/** Fixture for ArchitectureTest: the platform may read the wall clock. */
public final class SystemClock {
    public Instant now() {
        return Instant.now();
    }
}
