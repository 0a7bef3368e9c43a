package io.clientele.audit;

import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.SqlErrors.sqlState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit log is append-only: the application role lacks the privileges to change it, and even the
 * owner is stopped by the trigger. Statements that get through by mistake are rolled back regardless.
 */
class AuditAppendOnlyIT {
    private final Api api = TestServer.api();
    private Api.Tenant acme;
    private TenantRows rows;

    @BeforeEach
    void aTenantWithSealedAuditRows() {
        acme = api.newTenant("Acme");
        rows = TenantRows.of(acme);
        String jane = acme.createCustomer();
        acme.ok("EditCustomer", customer(jane).put("first_name", "Grace"));
        acme.ok("VerifyAuditLog", Json.object());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE audit_log SET action = 'forged'",
            "UPDATE audit_log SET hash = NULL, chain_position = NULL, prev_hash = NULL",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log"})
    void appRoleIsNotAllowedToChangeTheLog(String statement) {
        assertThatThrownBy(() -> rows.inTenant(h -> h.execute(statement)))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .hasMessageContaining("permission denied");
        assertThat(rows.auditRows()).hasSize(2).allSatisfy(r -> assertThat(r.action()).isNotEqualTo("forged"));
    }

    @Test
    void ownerIsRefusedByTheTriggerWhenChangingContent() {
        assertRefusedForOwner("UPDATE audit_log SET after = '{\"first_name\":\"Mallory\"}' WHERE tenant_id = :t",
                "rows can be sealed once and never changed");
    }

    @Test
    void ownerIsRefusedByTheTriggerWhenResealingARow() {
        assertRefusedForOwner("UPDATE audit_log SET hash = sha256('forged'::bytea) WHERE tenant_id = :t",
                "rows can be sealed once and never changed");
    }

    @Test
    void ownerIsRefusedByTheTriggerWhenDeleting() {
        assertRefusedForOwner("DELETE FROM audit_log WHERE tenant_id = :t", "DELETE is not allowed");
    }

    @Test
    void ownerIsRefusedByTheTriggerWhenTruncating() {
        assertThatThrownBy(() -> Owner.rolledBack(h -> h.execute("TRUNCATE audit_log")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .hasMessageContaining("TRUNCATE is not allowed");
        assertThat(rows.auditRows()).hasSize(2);
    }

    @Test
    void logStillVerifiesAfterEveryRefusedAttempt() {
        for (String statement : new String[] {"UPDATE audit_log SET action = 'x' WHERE tenant_id = :t",
                "DELETE FROM audit_log WHERE tenant_id = :t"}) {
            assertThatThrownBy(() -> Owner.rolledBack(h -> h.createUpdate(statement).bind("t", acme.tenantId()).execute()));
        }

        var report = acme.ok("VerifyAuditLog", Json.object()).body();
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("sealed_rows").asLong()).isEqualTo(2);
    }

    @Test
    void sealingAnUnsealedRowMayChangeItsChainColumnsAndNothingElse() {
        String unsealedCopy = """
                INSERT INTO audit_log (tenant_id, item_type, item_id, action, before, after, actor_kind, actor_id, api_call_id,
                                       ip, user_agent, created_at)
                SELECT tenant_id, item_type, item_id, action, before, after, actor_kind, actor_id, api_call_id, ip, user_agent,
                       created_at
                FROM audit_log WHERE tenant_id = :t ORDER BY id LIMIT 1
                RETURNING id""";
        String seal = "UPDATE audit_log SET chain_position = 1000, prev_hash = sha256('p'::bytea), hash = sha256('h'::bytea)%s"
                + " WHERE tenant_id = :t AND id = :id";
        Owner.rolledBack(h -> {
            long id = h.createQuery(unsealedCopy).bind("t", acme.tenantId()).mapTo(Long.class).one();
            assertThat(h.createUpdate(seal.formatted("")).bind("t", acme.tenantId()).bind("id", id).execute()).isEqualTo(1);
        });
        for (String alsoChanged : new String[] {", action = 'forged'", ", after = '{\"first_name\":\"Mallory\"}'",
                ", created_at = now() - interval '1 day'"}) {
            assertThatThrownBy(() -> Owner.rolledBack(h -> {
                long id = h.createQuery(unsealedCopy).bind("t", acme.tenantId()).mapTo(Long.class).one();
                h.createUpdate(seal.formatted(alsoChanged)).bind("t", acme.tenantId()).bind("id", id).execute();
            })).as(alsoChanged).satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                    .hasMessageContaining("rows can be sealed once and never changed");
        }
    }

    private void assertRefusedForOwner(String statement, String message) {
        assertThatThrownBy(() -> Owner.rolledBack(h -> h.createUpdate(statement).bind("t", acme.tenantId()).execute()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
                .hasMessageContaining("audit_log is append-only")
                .hasMessageContaining(message);
        assertThat(rows.auditRows()).hasSize(2);
    }
}
