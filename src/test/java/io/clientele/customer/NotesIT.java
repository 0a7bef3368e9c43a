package io.clientele.customer;

import static io.clientele.testing.Nodes.texts;
import static io.clientele.testing.Requests.item;
import static io.clientele.testing.Requests.note;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Ids;
import io.clientele.testing.Api;
import io.clientele.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notes: who wrote them, newest-first paging, and what is rejected. */
class NotesIT {
    private final Api api = TestServer.api();
    private final Api.Tenant acme = api.newTenant("Acme");
    private final String jane = acme.createCustomer();

    @Test
    void noteWithoutAnAuthorIsAUsersNote() {
        String noteId = acme.ok("CreateNote", note(jane, "Prefers email.")).text("note_id");

        JsonNode written = acme.ok("GetNotes", item(jane)).body().at("/notes/0");
        assertThat(Ids.isId(noteId)).isTrue();
        assertThat(written.path("note_id").asText()).isEqualTo(noteId);
        assertThat(written.path("text").asText()).isEqualTo("Prefers email.");
        assertThat(written.path("author_kind").asText()).isEqualTo("user");
        assertThat(written.path("author_name").isNull()).isTrue();
        assertThat(written.path("item_type").asText()).isEqualTo("customer");
        assertThat(written.path("item_id").asText()).isEqualTo(jane);
        assertThat(written.path("customer_id").asText()).isEqualTo(jane);
    }

    @Test
    void everyAuthorKindIsKeptWithItsName() {
        List<String> kinds = List.of("user", "ai_assistant", "ai_voice_agent", "function", "system");
        for (String kind : kinds) {
            acme.ok("CreateNote", note(jane, "From " + kind).put("author_kind", kind).put("author_name", kind + " name"));
        }

        JsonNode notes = acme.ok("GetNotes", item(jane)).body().path("notes");
        assertThat(texts(notes, "author_kind")).containsExactlyElementsOf(kinds.reversed());
        assertThat(texts(notes, "author_name")).containsExactlyElementsOf(kinds.reversed().stream().map(k -> k + " name").toList());
    }

    @Test
    void unknownAuthorKindIsRejectedAtItsPointer() {
        Api.Response r = acme.call("CreateNote", note(jane, "Beep.").put("author_kind", "robot"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/author_kind");
        assertThat(r.body().at("/error/details/0/message").asText()).startsWith("must be one of: user, ai_assistant");
    }

    @Test
    void emptyNoteIsRejected() {
        Api.Response r = acme.call("CreateNote", note(jane, ""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/text");
    }

    @Test
    void notesPageNewestFirstWithoutGapsOrDuplicates() {
        for (int i = 1; i <= 5; i++) acme.ok("CreateNote", note(jane, "Note " + i));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = item(jane).put("limit", 2);
            if (cursor != null) page.put("cursor", cursor);
            JsonNode body = acme.ok("GetNotes", page).body();
            seen.addAll(texts(body.path("notes"), "text"));
            sizes.add(body.path("notes").size());
            cursor = body.path("next_cursor").asText(null);
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly("Note 5", "Note 4", "Note 3", "Note 2", "Note 1");
    }

    @Test
    void cursorNotesDidNotIssueIsAValidationError() {
        Api.Response r = acme.call("GetNotes", item(jane).put("cursor", "tomorrow_" + Ids.newId()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/details/0/path").asText()).isEqualTo("/cursor");
    }

    @Test
    void notesOfAnUnknownItemAreNotFound() {
        Api.Response create = acme.call("CreateNote", note(Ids.newId(), "Hello?"));
        Api.Response read = acme.call("GetNotes", item(Ids.newId()));

        assertThat(create.status()).isEqualTo(404);
        assertThat(read.status()).isEqualTo(404);
    }
}
