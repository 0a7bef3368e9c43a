package io.clientele.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.TenantId;
import io.clientele.platform.Transactions;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TenantRows.EventRow;
import io.clientele.testing.TestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Events.emitAll: one call's many events keep every customer's sequence gapless, whatever the order and concurrency. */
class EmitManyIT {
    private final Api.Tenant acme = TestServer.api().newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);
    private final Transactions transactions = new Transactions(TestServer.shared().database().jdbi(), Clock.systemUTC());
    private final Events events = new Events();

    @Test
    void eventsOfOneCallContinueEachCustomersSequenceInTheOrderGiven() {
        String jane = acme.createCustomer();
        String joe = acme.createCustomer();

        List<String> ids = transactions.asSystem(new TenantId(acme.tenantId()), tx -> events.emitAll(tx, List.of(
                note(jane, "a"), note(joe, "b"), note(jane, "c"),
                new Events.NewEvent(Notation.NOTE_CREATED, "tenant", acme.tenantId(), null, Map.of("text", "d")))));

        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        assertThat(rows.eventsOf(jane)).extracting(e -> e.customerSeq() + ":" + e.payload().path("text").asText(""))
                .containsExactly("1:", "2:a", "3:c");
        assertThat(rows.eventsOf(joe)).extracting(e -> e.customerSeq() + ":" + e.payload().path("text").asText(""))
                .containsExactly("1:", "2:b");
        assertThat(rows.events()).filteredOn(e -> e.customerId() == null).extracting(EventRow::customerSeq).containsExactly((Long) null);
    }

    @Test
    void callsNamingTheSameCustomersInOppositeOrderNeitherDeadlockNorLeaveGaps() throws Exception {
        String jane = acme.createCustomer();
        String joe = acme.createCustomer();
        int calls = 24;
        CountDownLatch start = new CountDownLatch(1);

        List<Future<List<String>>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int c = 0; c < calls; c++) {
                List<Events.NewEvent> batch = c % 2 == 0
                        ? List.of(note(jane, "x"), note(joe, "x"), note(jane, "x"))
                        : List.of(note(joe, "y"), note(jane, "y"));
                done.add(pool.submit(() -> {
                    start.await();
                    return transactions.asSystem(new TenantId(acme.tenantId()), tx -> events.emitAll(tx, batch));
                }));
            }
            start.countDown();
        }
        for (Future<List<String>> f : done) assertThat(f.get()).isNotEmpty();

        assertThat(rows.eventsOf(jane)).extracting(EventRow::customerSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + calls / 2 * 2 + calls / 2).boxed().toList());
        assertThat(rows.eventsOf(joe)).extracting(EventRow::customerSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + calls).boxed().toList());
    }

    private static Events.NewEvent note(String customerId, String text) {
        return new Events.NewEvent(Notation.NOTE_CREATED, "customer", customerId, customerId, Map.of("text", text));
    }
}
