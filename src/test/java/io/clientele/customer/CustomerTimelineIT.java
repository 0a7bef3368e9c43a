package io.clientele.customer;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.customer;
import static io.clientele.testing.Requests.list;
import static io.clientele.testing.Requests.note;
import static io.clientele.testing.Requests.removeMetadata;
import static io.clientele.testing.Requests.setMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.testing.Api;
import io.clientele.testing.TenantRows;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** GetCustomerTimeline: one entry per event of the customer, a kind a person can scan, in sequence order. */
class CustomerTimelineIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final String jane = acme.createCustomer();

    @Test
    void timelineShowsEveryKindOfChangeInSequenceOrder() {
        acme.ok("EditCustomer", customer(jane).put("lifecycle_stage", "lead"));
        acme.ok("EditCustomer", customer(jane).set("add_tags", list("VIP")));
        acme.ok("EditCustomer", customer(jane).put("status", "disabled"));
        acme.ok("CreateNote", note(jane, "Asked for a callback tomorrow."));
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));
        acme.ok("DeleteMetadata", removeMetadata(jane, "tier"));
        acme.ok("DeleteCustomer", customer(jane));
        acme.ok("RestoreCustomer", customer(jane));
        acme.ok("EditCustomer", customer(jane).put("first_name", "Jane").put("company", "Doe Widgets"));

        JsonNode timeline = acme.ok("GetCustomerTimeline", customer(jane)).body();
        JsonNode entries = timeline.path("entries");

        assertThat(texts(entries, "kind")).containsExactly("created", "stage_changed", "tags_changed", "status_changed",
                "note_added", "metadata_set", "metadata_removed", "deleted", "restored", "updated");
        assertThat(texts(entries, "event")).containsExactly("customer.created", "customer.updated", "customer.updated",
                "customer.updated", "note.created", "metadata.inserted", "metadata.deleted", "customer.deleted",
                "customer.restored", "customer.updated");
        assertThat(seqs(entries)).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(timeline.path("next_after_seq").isNull()).isTrue();
        assertThat(entries.get(1).path("summary").asText()).isEqualTo("Lifecycle stage changed from customer to lead.");
        assertThat(entries.get(3).path("summary").asText()).isEqualTo("Status changed from enabled to disabled.");
        assertThat(entries.get(4).path("summary").asText()).contains("Asked for a callback tomorrow.");
        assertThat(entries.get(5).path("summary").asText()).isEqualTo("Metadata tier set to 'gold'.");
        assertThat(entries.get(9).path("summary").asText()).startsWith("Changed ").contains("first_name", "company");
        for (JsonNode entry : entries) {
            assertThat(entry.path("actor_kind").asText()).isEqualTo("api_key");
            assertThat(entry.path("at").asText()).isNotBlank();
        }
    }

    @Test
    void timelineEntriesCarryTheirEventsDetails() {
        acme.ok("EditCustomer", customer(jane).put("lifecycle_stage", "churned"));

        JsonNode change = acme.ok("GetCustomerTimeline", customer(jane)).body().at("/entries/1/details");

        assertThat(change.path("customer_id").asText()).isEqualTo(jane);
        assertThat(change.at("/changes/lifecycle_stage/from").asText()).isEqualTo("customer");
        assertThat(change.at("/changes/lifecycle_stage/to").asText()).isEqualTo("churned");
    }

    @Test
    void timelinePagesWithAfterSeq() {
        for (int i = 0; i < 6; i++) acme.ok("CreateNote", note(jane, "Note " + i));

        List<Long> seen = new ArrayList<>();
        Long after = null;
        int pages = 0;
        do {
            ObjectNode page = customer(jane).put("limit", 3);
            if (after != null) page.put("after_seq", after);
            JsonNode body = acme.ok("GetCustomerTimeline", page).body();
            seen.addAll(seqs(body.path("entries")));
            after = body.path("next_after_seq").isNull() ? null : body.path("next_after_seq").asLong();
            pages++;
        } while (after != null);

        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void timelineOfACustomerWithManyLongTagsStaysWithinItsPublishedSchema() {
        ArrayNode fifty = list();
        for (int i = 0; i < 50; i++) fifty.add(String.format("%02d", i) + "-" + "t".repeat(47));
        acme.ok("EditCustomer", customer(jane).set("tags", fifty));

        Api.Response r = acme.call("GetCustomerTimeline", customer(jane));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/entries/1/kind").asText()).isEqualTo("tags_changed");
        assertThat(r.body().at("/entries/1/summary").asText().length()).isLessThanOrEqualTo(2000);
        assertThat(r.body().at("/entries/1/details/changes/tags/to").size()).isEqualTo(50);
    }

    @Test
    void timelineFollowsTheOutboxSequence() {
        acme.ok("CreateNote", note(jane, "One."));
        acme.ok("InsertMetadata", setMetadata(jane, "tier", "gold"));

        JsonNode entries = acme.ok("GetCustomerTimeline", customer(jane)).body().path("entries");

        List<TenantRows.EventRow> events = TenantRows.of(acme).eventsOf(jane);
        assertThat(texts(entries, "event")).containsExactlyElementsOf(events.stream().map(TenantRows.EventRow::notation).toList());
        assertThat(seqs(entries)).containsExactlyElementsOf(events.stream().map(TenantRows.EventRow::customerSeq).toList());
    }

    private static List<Long> seqs(JsonNode entries) {
        List<Long> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.path("seq").asLong()));
        return out;
    }
}
