package io.clientele.audit;

import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.Owner;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VerifyAuditLog recomputes the tenant's hash chain. Each test tampers, as the owner with the guard
 * triggers switched off for one transaction, only with the chain of a tenant it created itself.
 */
class AuditTamperDetectionIT {
    private final Api api = TestServer.api();
    private Api.Tenant victim;
    private Api.Tenant bystander;

    @BeforeEach
    void twoTenantsWithSealedHistories() {
        victim = api.newTenant("Victim");
        bystander = api.newTenant("Bystander");
        for (Api.Tenant tenant : new Api.Tenant[] {victim, bystander}) {
            String jane = tenant.createCustomer();
            tenant.ok("EditCustomer", customer(jane).put("first_name", "Grace"));
            tenant.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
            tenant.ok("CreateNote", note(jane, "Hello."));
            tenant.ok("EditCustomer", customer(jane).put("company", "Widgets"));
            assertThat(verify(tenant).path("intact").asBoolean()).isTrue();
        }
    }

    @Test
    void chainStaysIntactThroughManyWrites() {
        Api.Tenant busy = api.newTenant("Busy");
        for (int c = 0; c < 5; c++) {
            String id = busy.createCustomer();
            for (int i = 0; i < 4; i++) busy.ok("EditCustomer", customer(id).put("first_name", "Name " + i));
            busy.ok("InsertMetadata", setMetadata(id, "a", "1", "b", "2"));
            busy.ok("CreateNote", note(id, "Note"));
            busy.ok("DeleteCustomer", customer(id));
            busy.ok("RestoreCustomer", customer(id));
        }

        JsonNode report = verify(busy);

        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("sealed_rows").asLong()).isEqualTo(5 * 10).isEqualTo(TenantRows.of(busy).auditRows().size());
        assertThat(report.path("unsealed_rows").asLong()).isZero();
        assertThat(report.path("first_broken_position").isNull()).isTrue();
        assertThat(report.path("problem").isNull()).isTrue();
        assertThat(report.path("result").asText()).startsWith("Audit log intact");
    }

    @Test
    void changedContentOfASealedRowIsDetectedAtItsPosition() {
        long auditId = auditIdAt(victim, 3);

        tamper(h -> h.createUpdate("UPDATE audit_log SET after = jsonb_set(after, '{tier}', '\"platinum\"')"
                + " WHERE tenant_id = :t AND chain_position = 3").bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(3);
        assertThat(report.path("problem").asText()).isEqualTo("content of audit row " + auditId + " does not match its hash");
        assertThat(report.path("sealed_rows").asLong()).isEqualTo(2);
        assertThat(report.path("result").asText()).startsWith("Audit log BROKEN at chain position 3");
        assertThat(verify(bystander).path("intact").asBoolean()).isTrue();
    }

    @Test
    void changedActorIsDetected() {
        tamper(h -> h.createUpdate("UPDATE audit_log SET actor_id = 'someone-else' WHERE tenant_id = :t AND chain_position = 1")
                .bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(1);
    }

    @Test
    void deletedSealedRowIsDetectedAsAMissingPosition() {
        tamper(h -> h.createUpdate("DELETE FROM audit_log WHERE tenant_id = :t AND chain_position = 2")
                .bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(2);
        assertThat(report.path("problem").asText()).isEqualTo("row at chain position 2 is missing (next present: 3)");
        assertThat(verify(bystander).path("intact").asBoolean()).isTrue();
    }

    @Test
    void rowsMovedToOtherPositionsAreDetected() {
        tamper(h -> {
            h.createUpdate("UPDATE audit_log SET chain_position = -chain_position WHERE tenant_id = :t AND chain_position IN (2, 3)")
                    .bind("t", victim.tenantId()).execute();
            h.createUpdate("UPDATE audit_log SET chain_position = CASE chain_position WHEN -2 THEN 3 ELSE 2 END"
                    + " WHERE tenant_id = :t AND chain_position IN (-2, -3)").bind("t", victim.tenantId()).execute();
        });

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(2);
    }

    @Test
    void forgedLinkIsDetected() {
        tamper(h -> h.createUpdate("UPDATE audit_log SET prev_hash = sha256('forged'::bytea) WHERE tenant_id = :t AND chain_position = 4")
                .bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(4);
        assertThat(report.path("problem").asText()).isEqualTo("link to the previous row does not match");
    }

    @Test
    void removingTheNewestRowsIsDetectedByTheChainHead() {
        tamper(h -> h.createUpdate("DELETE FROM audit_log WHERE tenant_id = :t AND chain_position >= 4")
                .bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("first_broken_position").asLong()).isEqualTo(4);
        assertThat(report.path("problem").asText()).contains("the newest rows were removed");
        assertThat(verify(bystander).path("intact").asBoolean()).isTrue();
    }

    @Test
    void aChainCannotBeVerifiedOrRebuiltWithoutTheAuditKey() {
        // The hashes are keyed: the same rows checked under any other key do not match from the first row on,
        // so whoever can write the tables cannot recompute a consistent chain after changing them.
        AuditSealer withOtherKey = new AuditSealer(TestDatabase.get().ownerDataSource(),
                "some-other-key-that-is-long-enough-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        ChainReport report = withOtherKey.verify(new io.clientele.platform.TenantId(victim.tenantId()));

        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenPosition()).isEqualTo(1);
        assertThat(verify(victim).path("intact").asBoolean()).isTrue();
    }

    @Test
    void movingTheChainHeadBackIsDetected() {
        Owner.committed(h -> h.createUpdate("""
                        UPDATE audit_chain_head SET position = 3,
                               hash = (SELECT hash FROM audit_log WHERE tenant_id = :t AND chain_position = 3)
                        WHERE tenant_id = :t""")
                .bind("t", victim.tenantId()).execute());

        JsonNode report = verify(victim);
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("problem").asText()).isEqualTo("the chain head was altered");
    }

    private static JsonNode verify(Api.Tenant tenant) {
        return tenant.ok("VerifyAuditLog", Json.object()).body();
    }

    private long auditIdAt(Api.Tenant tenant, long position) {
        return Owner.jdbi().withHandle(h -> h.createQuery("SELECT id FROM audit_log WHERE tenant_id = :t AND chain_position = :p")
                .bind("t", tenant.tenantId()).bind("p", position).mapTo(Long.class).one());
    }

    /** Tampers as the owner, with the append-only triggers off inside this one transaction only. */
    private void tamper(Consumer<Handle> change) {
        long unsealed = Owner.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_log WHERE tenant_id = :t AND hash IS NULL").bind("t", victim.tenantId())
                .mapTo(Long.class).one());
        assertThat(unsealed).as("every row of the victim is sealed before tampering").isZero();
        Owner.committed(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            change.accept(h);
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
        });
    }
}
