package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.ProfileSections;
import io.clientele.platform.BatchedSelects;
import java.util.List;

/** The customer feature's own profile sections, read together in one statement: metadata, and the notes count with the latest notes. */
public final class CustomerSections {
    static final int LATEST_NOTES = 5;

    private CustomerSections() {}

    public static void register(ProfileSections sections, MetadataStore metadata, NoteStore notes) {
        BatchedSelects read = new BatchedSelects("customer", List.of(
                MetadataStore.profileOfCustomer("metadata"),
                NoteStore.profileLatest("notes", LATEST_NOTES)));
        sections.registerTogether(List.of(
                new ProfileSections.Definition("metadata", ItemSchemas.metadataEntries("The customer's metadata (name/value pairs), by name.")),
                new ProfileSections.Definition("notes", object("Notes on the customer and on its related records (sales, shipments, ...).")
                        .required("count", integer(0, Long.MAX_VALUE, "How many notes there are."))
                        .required("latest", array(ItemSchemas.note(), LATEST_NOTES,
                                "The " + LATEST_NOTES + " newest, newest first; GetNotes pages through all of them."))
                        .build())), read::read);
    }
}
