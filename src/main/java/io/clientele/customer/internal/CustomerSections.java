package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.object;

import io.clientele.customer.ProfileSections;

/** The customer feature's own profile sections: metadata, and the notes count with the latest notes. */
public final class CustomerSections {
    static final int LATEST_NOTES = 5;

    private CustomerSections() {}

    public static void register(ProfileSections sections, MetadataStore metadata, NoteStore notes) {
        sections.register("metadata", ItemSchemas.metadataEntries("The customer's metadata (name/value pairs), by name."),
                (tx, customerId) -> metadata.forItem(tx, "customer", customerId));
        sections.register("notes", object("Notes on the customer and on its related records (sales, shipments, ...).")
                        .required("count", integer(0, Long.MAX_VALUE, "How many notes there are."))
                        .required("latest", array(ItemSchemas.note(), LATEST_NOTES,
                                "The " + LATEST_NOTES + " newest, newest first; GetNotes pages through all of them."))
                        .build(),
                (tx, customerId) -> notes.latestForCustomer(tx, customerId, LATEST_NOTES));
    }
}
