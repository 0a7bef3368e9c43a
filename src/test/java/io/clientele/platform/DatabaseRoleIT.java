package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The application's pool is the non-owner role, so row-level security applies to everything it runs. */
class DatabaseRoleIT {

    @Test
    void theApplicationConnectsAsTheAppRoleWithoutSuperuserOrBypassRls() {
        String who = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("""
                        SELECT current_user || ' ' || rolsuper || ' ' || rolbypassrls FROM pg_roles WHERE rolname = current_user""")
                .mapTo(String.class).one());

        assertThat(who).isEqualTo(Database.APP_ROLE + " false false");
    }

    @Test
    void rowsAreInvisibleToATransactionThatSetNoTenant() {
        Transactions transactions = new Transactions(TestDatabase.get().jdbi(), java.time.Clock.systemUTC());
        TenantId tenant = new TenantId(Ids.newId());
        transactions.asSystem(tenant, tx -> tx.handle().execute("""
                INSERT INTO api_call (tenant_id, id, operation, type, method, code, http_status, actor_kind, duration_ms, created_at)
                VALUES (?, ?, 'GetCustomer', 'customer', 'get', 1, 200, 'system', 0, now())""", tenant.value(), Ids.newId()));

        long seenWithTenant = transactions.asSystem(tenant, tx -> tx.handle()
                .createQuery("SELECT count(*) FROM api_call WHERE tenant_id = :t").bind("t", tenant.value()).mapTo(Long.class).one());
        long seenWithout = TestDatabase.get().jdbi().withHandle(h -> h
                .createQuery("SELECT count(*) FROM api_call WHERE tenant_id = :t").bind("t", tenant.value()).mapTo(Long.class).one());

        assertThat(seenWithTenant).isEqualTo(1);
        assertThat(seenWithout).isZero();
    }

    @Test
    void credentialsInAJdbcUrlDoNotOverrideThePoolsRole() {
        Database.JdbcTarget target = Database.JdbcTarget.parse("jdbc:postgresql://db:5432/clientele?user=owner&ssl=true&password=secret");

        assertThat(target.withoutCredentials()).isEqualTo("jdbc:postgresql://db:5432/clientele?ssl=true");
        assertThat(Database.JdbcTarget.parse("jdbc:postgresql://db/clientele?user=owner").withoutCredentials())
                .isEqualTo("jdbc:postgresql://db/clientele");
    }
}
