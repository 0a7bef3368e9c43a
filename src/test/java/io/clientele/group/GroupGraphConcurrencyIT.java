package io.clientele.group;

import static io.clientele.group.GroupFixtures.compositeGroup;
import static io.clientele.group.GroupFixtures.create;
import static io.clientele.group.GroupFixtures.groupId;
import static io.clientele.group.GroupFixtures.manualGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.RepeatedTest;

/** Definition changes are serialized per tenant: concurrent edits cannot together close a cycle. */
class GroupGraphConcurrencyIT {
    private final Api api = TestServer.api();

    @RepeatedTest(5)
    void twoConcurrentEditsThatWouldCloseACycleCannotBothSucceed() throws Exception {
        Api.Tenant acme = api.newTenant("Acme");
        String base = create(acme, manualGroup("Base"));
        String first = create(acme, compositeGroup("First", new String[] {base}, new String[0]));
        String second = create(acme, compositeGroup("Second", new String[] {base}, new String[0]));
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Api.Response> firstListsSecond = CompletableFuture.supplyAsync(() -> edit(acme, first, second, start, base));
        CompletableFuture<Api.Response> secondListsFirst = CompletableFuture.supplyAsync(() -> edit(acme, second, first, start, base));
        List<Api.Response> answers = List.of(firstListsSecond.get(), secondListsFirst.get());

        assertThat(answers).filteredOn(Api.Response::ok).hasSize(1);
        Api.Response refused = answers.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/message").asText()).contains("cycle");
    }

    private static Api.Response edit(Api.Tenant tenant, String group, String listed, CyclicBarrier start, String base) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return tenant.call("EditCustomerGroup", groupId(group)
                .set("qualifiers", compositeGroup("x", new String[] {base, listed}, new String[0]).get("qualifiers")));
    }
}
