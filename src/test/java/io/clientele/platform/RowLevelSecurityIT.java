package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.Api;
import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's connections are the non-owner role, so row-level security is the second lock. */
class RowLevelSecurityIT {
    private final Api api = TestServer.api();

    @Test
    void theApplicationConnectsAsARoleThatCannotBypassRowLevelSecurity() {
        String role = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("""
                        SELECT current_user || ' ' || rolsuper || ' ' || rolbypassrls FROM pg_roles WHERE rolname = current_user""")
                .mapTo(String.class).one());
        assertThat(role).isEqualTo(Database.APP_ROLE + " false false");
    }

    @Test
    void aTransactionSeesOnlyTheRowsOfTheTenantItSetAndNoneWithoutOne() {
        Api.Tenant mine = api.newTenant("Mine");
        Api.Tenant theirs = api.newTenant("Theirs");
        String myCustomer = mine.createCustomer();
        theirs.createCustomer();

        assertThat(customersVisibleTo(mine.tenantId())).containsExactly(myCustomer);
        long withoutTenant = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customer").mapTo(Long.class).one());
        assertThat(withoutTenant).as("customers visible without a tenant").isZero();
    }

    private static List<String> customersVisibleTo(String tenant) {
        return TestDatabase.get().jdbi().inTransaction(h -> {
            h.createQuery("SELECT set_config('app.tenant_id', :t, true)").bind("t", tenant).mapTo(String.class).one();
            return h.createQuery("SELECT id FROM customer").mapTo(String.class).list();
        });
    }
}
