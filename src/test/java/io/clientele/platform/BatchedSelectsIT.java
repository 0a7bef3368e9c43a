package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.TestDatabase;
import io.clientele.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Several SELECTs as one statement: each answers its own value, and one that is not wanted is not run at all. */
class BatchedSelectsIT {
    private final Transactions transactions = new Transactions(TestDatabase.get().jdbi(), Clock.systemUTC());
    private final TenantId tenant = new TenantId(TestServer.api().newTenant("Batched selects").tenantId());

    private final BatchedSelects selects = new BatchedSelects("customer", List.of(
            new BatchedSelects.Select("subject", "SELECT :customer::text AS v", Map.of(), (rs, subject) -> {
                rs.next();
                return rs.getString("v") + "/" + subject;
            }),
            new BatchedSelects.Select("tenant_and_limit", "SELECT :tenant::text || ':' || :limit AS v", Map.of("limit", 7), (rs, subject) -> {
                rs.next();
                return rs.getString("v");
            }),
            new BatchedSelects.Select("explodes", "SELECT 1 / (SELECT count(*) - count(*) FROM tenant) AS v", Map.of(), (rs, subject) -> {
                rs.next();
                return rs.getInt("v");
            })));

    private Map<String, Object> read(Set<String> wanted) {
        return transactions.inTenant(tenant, Actor.system(), Origin.NONE, Ids.newId(), tx -> selects.read(tx, "c-1", wanted));
    }

    @Test
    void eachWantedSelectAnswersItsOwnValueInOneStatement() {
        Map<String, Object> values = read(Set.of("subject", "tenant_and_limit"));

        assertThat(values).containsOnly(Map.entry("subject", "c-1/c-1"), Map.entry("tenant_and_limit", tenant.value() + ":7"));
    }

    @Test
    void aSelectLeftOutIsNotRun() {
        assertThat(read(Set.of("subject"))).containsOnlyKeys("subject");
        assertThat(read(Set.of())).isEmpty();
        assertThatThrownBy(() -> read(Set.of("subject", "explodes"))).hasStackTraceContaining("division by zero");
    }
}
