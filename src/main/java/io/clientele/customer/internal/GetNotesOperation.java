package io.clientele.customer.internal;

import io.clientele.customer.ItemTypes;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import io.clientele.operation.Operation;
import io.clientele.operation.OperationSpec;
import io.clientele.operation.Outcome;
import io.clientele.operation.PageCursor;
import io.clientele.platform.Tx;
import java.util.List;
import java.util.Objects;

public final class GetNotesOperation implements Operation<GetNotesOperation.Input> {
    record Input(String itemType, String itemId, Boolean includeRelated, Integer limit, String cursor) {}

    record Page(List<NoteStore.Note> notes, String nextCursor) {}

    private final ItemTypes items;
    private final NoteStore store;
    private final OperationSpec<Input> spec;

    public GetNotesOperation(ItemTypes items, NoteStore store) {
        this.items = items;
        this.store = store;
        this.spec = OperationSpec.named("GetNotes")
                .loggedAs("note", "list")
                .reads()
                .description("""
                        Read the notes on an item, newest first. For a customer, include_related (default true) also
                        returns the notes on the customer's related records (sales, shipments, subscriptions, ...).
                        Page with next_cursor.""")
                .schemas(Input.class,
                        object("GetNotes input.")
                                .required("item_type", ItemSchemas.itemType(items, "note"))
                                .required("item_id", ItemSchemas.itemId())
                                .property("include_related", bool("For a customer: also notes on its related records. Default true."))
                                .property("limit", integer(1, 200, "Page size, default 50."))
                                .property("cursor", string(200, "next_cursor from the previous page."))
                                .build(),
                        object("GetNotes output.")
                                .required("notes", array(object("A note.")
                                        .required("note_id", id("Note id."))
                                        .required("item_type", string(40, "Item type."))
                                        .required("item_id", id("Item id."))
                                        .required("customer_id", nullable(id("The item's customer.")))
                                        .required("text", string(10_000, "The note."))
                                        .required("author_kind", string(40, "Who wrote it."))
                                        .required("author_name", nullable(string(200, "Author name.")))
                                        .required("created_at", timestamp("When it was written."))
                                        .build(), 200, "This page, newest first."))
                                .required("next_cursor", nullable(string(200, "Cursor of the next page; null on the last page.")))
                                .build());
    }

    @Override
    public OperationSpec<Input> spec() {
        return spec;
    }

    @Override
    public Outcome handle(Tx tx, Input input) {
        ItemSchemas.customerOf(items, tx, input.itemType(), input.itemId());
        int limit = Objects.requireNonNullElse(input.limit(), 50);
        PageCursor before = PageCursor.decode(input.cursor());
        List<NoteStore.Note> notes = store.list(tx, input.itemType(), input.itemId(),
                !Boolean.FALSE.equals(input.includeRelated()), before, limit + 1);
        String next = null;
        if (notes.size() > limit) {
            notes = notes.subList(0, limit);
            NoteStore.Note last = notes.get(limit - 1);
            next = new PageCursor(last.createdAt(), last.noteId()).encode();
        }
        return Outcome.of(notes.size() + " note(s).", new Page(notes, next));
    }
}
