package io.clientele.operation;

import static io.clientele.testing.Envelopes.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server limited to 2 calls a second per key (bursts of 4) answers 429 to a key that hammers it. */
class RateLimitIT {
    private static Clientele limited;
    private static Api api;

    @BeforeAll
    static void startAServerWithATightLimit() {
        limited = TestServer.start(new Clientele.Settings("127.0.0.1", 0, TestServer.ADMIN_TOKEN, TestServer.AUDIT_KEY, 2, true), Clock.systemUTC());
        api = new Api(limited.port());
    }

    @AfterAll
    static void stopIt() {
        limited.close();
    }

    @Test
    void hammeringKeyIsRateLimitedInTheEnvelopeAndTheCallIsLogged() {
        Api.Tenant acme = api.newTenant("Acme");

        Api.Response first = acme.call("GetCustomers", "{}");
        Api.Response limitedCall = hammer(acme);

        assertThat(first.ok()).isTrue();
        assertFailure(limitedCall, 429, "rate_limited");
        assertThat(limitedCall.body().at("/error/message").asText()).contains("slow down");
        var row = TenantRows.of(acme).apiCall(limitedCall.apiCallId()).orElseThrow();
        assertThat(row.code()).isZero();
        assertThat(row.errorType()).isEqualTo("rate_limited");
        assertThat(row.httpStatus()).isEqualTo(429);
    }

    @Test
    void limitIsPerKey() {
        Api.Tenant acme = api.newTenant("Acme");
        Api.Tenant sameTenantOtherKey = acme.withKeyScoped("read", "write");
        Api.Tenant otherTenant = api.newTenant("Globex");

        hammer(acme);

        assertThat(sameTenantOtherKey.call("GetCustomers", "{}").ok()).isTrue();
        assertThat(otherTenant.call("GetCustomers", "{}").ok()).isTrue();
    }

    /** Calls until the limiter answers 429 (a few calls past the burst of 4); returns that answer. */
    private static Api.Response hammer(Api.Tenant tenant) {
        for (int i = 0; i < 200; i++) {
            Api.Response r = tenant.call("GetCustomers", "{}");
            if (r.status() == 429) return r;
            assertThat(r.status()).isEqualTo(200);
        }
        throw new AssertionError("200 calls in a row were not rate limited at 2 per second");
    }
}
