package io.clientele.testing;

import io.clientele.Clientele;
import java.time.Clock;

/**
 * A running Clientele on loopback over the shared test database, checking every success envelope
 * against its operation's output schema. Shared by the test JVM; tests needing other settings
 * (a rate limit, a fixed clock) start their own with {@link #start(Clientele.Settings, Clock)}.
 */
public final class TestServer {
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** Every server of the test JVM shares the database, so they share the audit key too. */
    public static final String AUDIT_KEY = "test-audit-key-0123456789abcdefghijklmnop";
    private static Clientele shared;

    private TestServer() {}

    public static synchronized Clientele shared() {
        if (shared == null) {
            shared = start(new Clientele.Settings("127.0.0.1", 0, ADMIN_TOKEN, AUDIT_KEY, 0, true), Clock.systemUTC());
        }
        return shared;
    }

    public static Clientele start(Clientele.Settings settings, Clock clock) {
        return Clientele.startOn(TestDatabase.get(), settings, clock);
    }

    /** A client for the shared server. */
    public static Api api() {
        return new Api(shared().port());
    }
}
