package io.clientele.event;

import static io.clientele.testing.CustomerBuilder.aCustomer;
import static io.clientele.testing.Nodes.fieldNames;
import static io.clientele.testing.Requests.auditOf;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.Json;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TenantRows.EventRow;
import io.clientele.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The outbox: each change writes exactly its events, with the customer's next sequence number, in its own call. */
class OutboxIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final TenantRows rows = TenantRows.of(acme);
    private final String keyId = rows.apiKeyIds().getFirst();

    @Test
    void creatingACustomerWritesCustomerCreatedWithTheWholeCustomer() {
        Api.Response r = acme.ok("CreateCustomer", aCustomer().named("Jane", "Doe").withEmail("jane@example.com").build());
        String jane = r.text("customer_id");

        EventRow created = onlyEventOf(r);

        assertEvent(created, "customer.created", "customer", jane, jane, 1, r);
        assertThat(created.payload().at("/customer/customer_id").asText()).isEqualTo(jane);
        assertThat(created.payload().at("/customer/first_name").asText()).isEqualTo("Jane");
        assertThat(created.payload().at("/customer/email").asText()).isEqualTo("jane@example.com");
        assertThat(created.payload().at("/customer/status").asText()).isEqualTo("enabled");
    }

    @Test
    void editingWritesCustomerUpdatedWithEachChangedFieldsOldAndNewValue() {
        String jane = acme.createCustomer(aCustomer().named("Jane", "Doe").tagged("VIP"));

        Api.Response r = acme.ok("EditCustomer", customer(jane).put("last_name", "Smith").set("add_tags", list("b2b")));

        EventRow updated = onlyEventOf(r);
        assertEvent(updated, "customer.updated", "customer", jane, jane, 2, r);
        assertThat(updated.payload().path("customer_id").asText()).isEqualTo(jane);
        assertThat(fieldNames(updated.payload().path("changes"))).containsExactlyInAnyOrder("last_name", "tags");
        assertThat(updated.payload().at("/changes/last_name/from").asText()).isEqualTo("Doe");
        assertThat(updated.payload().at("/changes/last_name/to").asText()).isEqualTo("Smith");
        assertThat(updated.payload().at("/changes/tags/from")).isEqualTo(list("VIP"));
        assertThat(updated.payload().at("/changes/tags/to")).isEqualTo(list("VIP", "b2b"));
    }

    @Test
    void metadataWritesOneEventPerChangedNameAndNoneForTheSameValue() {
        String jane = acme.createCustomer();

        Api.Response inserted = acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold", "affiliate_id", "aff_1"));
        Api.Response updated = acme.ok("InsertMetadata", setMetadata(jane, "tier", "platinum", "affiliate_id", "aff_1"));
        Api.Response removed = acme.ok("DeleteMetadata", removeMetadata(jane, "affiliate_id", "unknown"));

        List<EventRow> insertEvents = rows.eventsOfCall(inserted.apiCallId());
        assertThat(insertEvents).extracting(EventRow::notation).containsExactly("metadata.inserted", "metadata.inserted");
        assertEvent(insertEvents.get(0), "metadata.inserted", "customer", jane, jane, 2, inserted);
        assertEvent(insertEvents.get(1), "metadata.inserted", "customer", jane, jane, 3, inserted);
        assertThat(insertEvents.get(0).payload()).isEqualTo(Json.object().put("item_type", "customer").put("item_id", jane)
                .put("customer_id", jane).put("name", "tier").put("value", "gold").putNull("previous_value"));
        EventRow update = onlyEventOf(updated);
        assertEvent(update, "metadata.updated", "customer", jane, jane, 4, updated);
        assertThat(update.payload().path("value").asText()).isEqualTo("platinum");
        assertThat(update.payload().path("previous_value").asText()).isEqualTo("gold");
        EventRow removal = onlyEventOf(removed);
        assertEvent(removal, "metadata.deleted", "customer", jane, jane, 5, removed);
        assertThat(removal.payload().path("name").asText()).isEqualTo("affiliate_id");
        assertThat(removal.payload().path("previous_value").asText()).isEqualTo("aff_1");
    }

    @Test
    void noteWritesNoteCreatedOnItsItemWithTheCustomer() {
        String jane = acme.createCustomer();

        Api.Response r = acme.ok("CreateNote", note(jane, "Call back tomorrow.").put("author_kind", "ai_assistant")
                .put("author_name", "Ava"));

        EventRow created = onlyEventOf(r);
        assertEvent(created, "note.created", "customer", jane, jane, 2, r);
        assertThat(created.payload()).isEqualTo(Json.object().put("note_id", r.text("note_id")).put("item_type", "customer")
                .put("item_id", jane).put("customer_id", jane).put("note_text", "Call back tomorrow.")
                .put("author_kind", "ai_assistant").put("author_name", "Ava"));
    }

    @Test
    void deletingAndRestoringWriteTheirEvents() {
        String jane = acme.createCustomer();

        Api.Response deleted = acme.ok("DeleteCustomer", customer(jane));
        Api.Response restored = acme.ok("RestoreCustomer", customer(jane));

        assertEvent(onlyEventOf(deleted), "customer.deleted", "customer", jane, jane, 2, deleted);
        assertThat(onlyEventOf(deleted).payload()).isEqualTo(Json.object().put("customer_id", jane));
        assertEvent(onlyEventOf(restored), "customer.restored", "customer", jane, jane, 3, restored);
    }

    @Test
    void readsAndRejectedCallsWriteNoEvents() {
        String jane = acme.createCustomer();
        acme.ok("CreateNote", note(jane, "x"));
        int before = rows.events().size();

        acme.ok("GetCustomer", customer(jane));
        acme.ok("GetCustomers", Json.object());
        acme.ok("GetNotes", item(jane));
        acme.ok("GetMetadata", item(jane));
        acme.ok("GetCustomerTimeline", customer(jane));
        acme.ok("GetAuditLog", auditOf(jane));
        acme.ok("VerifyAuditLog", Json.object());
        acme.ok("EditCustomer", customer(jane));
        acme.call("EditCustomer", customer(jane).put("email", "broken"));
        acme.call("RestoreCustomer", customer(jane));
        acme.call("InsertMetadata", setMetadata(jane, "a", "1", "a", "2"));

        assertThat(rows.events()).hasSize(before);
    }

    @Test
    void eachCustomerHasItsOwnSequence() {
        String jane = acme.createCustomer();
        String joe = acme.createCustomer();
        acme.ok("CreateNote", note(jane, "1"));
        acme.ok("CreateNote", note(joe, "1"));
        acme.ok("CreateNote", note(jane, "2"));
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));

        assertThat(rows.eventsOf(jane)).extracting(EventRow::customerSeq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.eventsOf(joe)).extracting(EventRow::customerSeq).containsExactly(1L, 2L);
    }

    @Test
    void eventIsWrittenInTheSameUnitOfWorkAsItsChange() {
        String jane = acme.createCustomer();

        Api.Response r = acme.ok("EditCustomer", customer(jane).put("company", "Doe Widgets"));

        EventRow updated = onlyEventOf(r);
        Instant customerUpdatedAt = Instant.parse(r.body().at("/customer/updated_at").asText());
        TenantRows.AuditRow audit = rows.auditRowsOfCall(r.apiCallId()).getFirst();
        assertThat(updated.createdAt()).isEqualTo(customerUpdatedAt).isEqualTo(audit.createdAt());
        assertThat(rows.apiCall(r.apiCallId())).hasValueSatisfying(call -> assertThat(call.code()).isEqualTo(1));
    }

    @Test
    void concurrentChangesToOneCustomerStillGetGaplessSequenceNumbers() throws Exception {
        String jane = acme.createCustomer();
        int threads = 8;
        int callsPerThread = 6;

        List<Future<List<Api.Response>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Api.Response> answers = new ArrayList<>();
                    for (int i = 0; i < callsPerThread; i++) {
                        String mark = "t" + thread + "-" + i;
                        answers.add(switch (i % 3) {
                            case 0 -> acme.call("EditCustomer", customer(jane).set("add_tags", list(mark)));
                            case 1 -> acme.call("CreateNote", note(jane, mark));
                            default -> acme.call("InsertMetadata", setMetadata(jane, mark, mark));
                        });
                    }
                    return answers;
                }));
            }
        }
        for (Future<List<Api.Response>> f : results) {
            assertThat(f.get()).allSatisfy(r -> assertThat(r.ok()).as("%s", r).isTrue());
        }

        List<Long> seqs = rows.eventsOf(jane).stream().map(EventRow::customerSeq).toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + threads * callsPerThread).boxed().toList());
        assertThat(acme.ok("GetCustomer", customer(jane)).body().at("/customer/tags").size()).isEqualTo(threads * 2);
    }

    @Test
    void concurrentFirstWritesOfOneMetadataNameRecordOneInsertThenAnUnbrokenChainOfUpdates() throws Exception {
        String jane = acme.createCustomer();
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);

        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                String value = "v" + w;
                answers.add(pool.submit(() -> {
                    start.await();
                    return acme.call("InsertMetadata", setMetadata(jane, "tier", value));
                }));
            }
            start.countDown();
        }
        for (Future<Api.Response> f : answers) assertThat(f.get().ok()).isTrue();

        List<EventRow> events = rows.eventsOf(jane).subList(1, 1 + writers);
        assertThat(events).extracting(EventRow::notation)
                .containsExactly("metadata.inserted", "metadata.updated", "metadata.updated", "metadata.updated",
                        "metadata.updated", "metadata.updated");
        assertThat(events.getFirst().payload().path("previous_value").isNull()).isTrue();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).payload().path("previous_value").asText())
                    .as("event %d continues from event %d", i, i - 1)
                    .isEqualTo(events.get(i - 1).payload().path("value").asText());
        }
        assertThat(acme.ok("GetMetadata", item(jane)).body().at("/metadata/0/value").asText())
                .isEqualTo(events.getLast().payload().path("value").asText());
    }

    private EventRow onlyEventOf(Api.Response call) {
        List<EventRow> events = rows.eventsOfCall(call.apiCallId());
        assertThat(events).as("events of %s", call.body()).hasSize(1);
        return events.getFirst();
    }

    private void assertEvent(EventRow e, String notation, String itemType, String itemId, String customerId, long seq,
                             Api.Response call) {
        assertThat(e.notation()).isEqualTo(notation);
        assertThat(e.itemType()).isEqualTo(itemType);
        assertThat(e.itemId()).isEqualTo(itemId);
        assertThat(e.customerId()).isEqualTo(customerId);
        assertThat(e.customerSeq()).isEqualTo(seq);
        assertThat(e.actorKind()).isEqualTo("api_key");
        assertThat(e.actorId()).isEqualTo(keyId);
        assertThat(e.apiCallId()).isEqualTo(call.apiCallId());
        assertThat(e.id()).matches("^[0-9A-Za-z]{20}$");
    }
}
