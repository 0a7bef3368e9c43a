package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import io.clientele.audit.AuditLog;
import io.clientele.customer.ItemTypes;
import io.clientele.event.Events;
import io.clientele.event.Notation;
import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.platform.Ids;
import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

public final class CreateNoteOperation implements Operation<CreateNoteOperation.Input> {
    static final List<String> AUTHOR_KINDS = List.of("user", "ai_assistant", "ai_voice_agent", "function", "system");

    record Input(String itemType, String itemId, String text, String authorKind, String authorName) {}

    record Created(String noteId) {}

    private final ItemTypes items;
    private final NoteStore store;
    private final Events events;
    private final AuditLog audit;
    private final OperationSpec<Input> spec;

    public CreateNoteOperation(ItemTypes items, NoteStore store, Events events, AuditLog audit) {
        this.items = items;
        this.store = store;
        this.events = events;
        this.audit = audit;
        this.spec = OperationSpec.named("CreateNote")
                .loggedAs("note", "create")
                .writes()
                .description("""
                        Attach a note to a customer or a customer-related item (item_type + item_id). Put the note where
                        it belongs: general context on the customer, charge or refund context on a sale, delivery issues on
                        the shipment; every note still appears in the customer's history. Notes are permanent. Emits
                        note.created with the item and the customer, which automation can act on, so write intent plainly
                        ("Customer requested callback tomorrow").""")
                .schemas(Input.class,
                        object("CreateNote input.")
                                .required("item_type", ItemSchemas.itemType(items, "note"))
                                .required("item_id", ItemSchemas.itemId())
                                .required("text", nonEmptyString(10_000, "The note, up to 10,000 characters."))
                                .property("author_kind", enumOf("Who wrote it: user (default), ai_assistant, ai_voice_agent, function or system.", AUTHOR_KINDS))
                                .property("author_name", string(200, "Name of the person or agent that wrote it."))
                                .build(),
                        object("CreateNote output.").required("note_id", id("The new note's id.")).build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        String customerId = ItemSchemas.customerOf(items, tx, input.itemType(), input.itemId());
        var note = new NoteStore.Note(Ids.newId(), input.itemType(), input.itemId(), customerId, input.text(),
                Objects.requireNonNullElse(input.authorKind(), "user"), input.authorName(), tx.now());
        store.insert(tx, note);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("note_id", note.noteId());
        payload.put("item_type", note.itemType());
        payload.put("item_id", note.itemId());
        payload.put("customer_id", customerId);
        payload.put("note_text", note.text());
        payload.put("author_kind", note.authorKind());
        payload.put("author_name", note.authorName());
        audit.record(tx, "note", note.noteId(), "create", null, note);
        events.emit(tx, Notation.NOTE_CREATED, note.itemType(), note.itemId(), customerId, payload);
        return Outcome.of("Note created.", new Created(note.noteId()));
    }
}
