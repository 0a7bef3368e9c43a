package io.clientele.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of the customer profile that {@code GetCustomer} answers beside the customer record (seed 000
 * "Support Context"): each feature registers what it knows about a customer (metadata and notes here;
 * lifetime value, sales, subscriptions in commerce; groups in groups) under a name, with its schema. The
 * customer feature stays independent of them. Register before the operations are built.
 *
 * <p>A feature with several sections registers them {@linkplain #registerTogether together} so that one read
 * (one statement, one round trip) answers all of them that the caller did not leave out.
 */
public final class ProfileSections {
    /** Reads one section for a live customer of the tenant; the result is serialized as the section's JSON. */
    @FunctionalInterface
    public interface Reader {
        Object read(Tx tx, String customerId);
    }

    /**
     * Reads several sections of a live customer at once: answers a value for each name in {@code wanted}
     * (never for a section left out, which must cost nothing).
     */
    @FunctionalInterface
    public interface BatchReader {
        Map<String, Object> read(Tx tx, String customerId, Set<String> wanted);
    }

    /** A section's name and schema, for {@link #registerTogether}. */
    public record Definition(String name, ObjectNode schema) {}

    /**
     * A registered section: the field name in GetCustomer's answer, its output schema, and how to read it:
     * by its own {@code reader}, or (when {@code batch} is not null) by the batch it was registered with.
     */
    public record Section(String name, ObjectNode schema, Reader reader, Batch batch) {}

    /** Sections read together; {@code names} in registration order. */
    public record Batch(List<String> names, BatchReader reader) {}

    private final Map<String, Section> sections = new LinkedHashMap<>();

    /** @param schema the section's JSON schema; its description says what the section holds */
    public void register(String name, ObjectNode schema, Reader reader) {
        add(new Section(name, schema, reader, null));
    }

    /** Registers {@code definitions} (in this order in the answer), all read by one call of {@code reader}. */
    public void registerTogether(List<Definition> definitions, BatchReader reader) {
        Batch batch = new Batch(definitions.stream().map(Definition::name).toList(), reader);
        for (Definition d : definitions) add(new Section(d.name(), d.schema(), null, batch));
    }

    private void add(Section section) {
        String name = section.name();
        if (name.equals("customer") || sections.putIfAbsent(name, section) != null) {
            throw new IllegalStateException("profile section registered twice: " + name);
        }
    }

    public List<Section> all() {
        return List.copyOf(sections.values());
    }
}
