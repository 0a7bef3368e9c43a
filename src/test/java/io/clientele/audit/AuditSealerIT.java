package io.clientele.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.Ids;
import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import io.clientele.testing.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sealing a backlog larger than one batch, then verifying the whole chain. */
class AuditSealerIT {

    @Test
    void aBacklogOfSeveralBatchesSealsIntoOneIntactChain() {
        // A sealer of its own, not started: nothing seals in the background while the test counts.
        AuditSealer sealer = new AuditSealer(TestDatabase.get().ownerDataSource(),
                io.clientele.testing.TestServer.AUDIT_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AuditLog audit = new AuditLog(sealer);
        Transactions transactions = new Transactions(TestDatabase.get().jdbi(), Clock.systemUTC());
        TenantId tenant = new TenantId(Ids.newId());
        transactions.asSystem(tenant, tx -> {
            for (int i = 0; i < 2_500; i++) {
                audit.record(tx, "customer", Ids.newId(), "create", null, Map.of("n", i));
            }
            return null;
        });

        assertThat(sealer.seal(tenant)).isEqualTo(2_500);
        assertThat(sealer.seal(tenant)).isZero();

        ChainReport report = sealer.verify(tenant);
        assertThat(report.intact()).isTrue();
        assertThat(report.sealedRows()).isEqualTo(2_500);
        assertThat(report.unsealedRows()).isZero();
    }
}
