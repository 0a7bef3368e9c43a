package io.clientele.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Tx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the customer profile that {@code GetCustomer} answers beside the customer record (seed 000
 * "Support Context"): each feature registers what it knows about a customer (metadata and notes here;
 * lifetime value, sales, subscriptions in commerce; groups in groups) under a name, with its schema. The
 * customer feature stays independent of them. Register before the operations are built.
 */
public final class ProfileSections {
    /** Reads one section for a live customer of the tenant; the result is serialized as the section's JSON. */
    @FunctionalInterface
    public interface Reader {
        Object read(Tx tx, String customerId);
    }

    /** A registered section: the field name in GetCustomer's answer, its output schema, and how to read it. */
    public record Section(String name, ObjectNode schema, Reader reader) {}

    private final Map<String, Section> sections = new LinkedHashMap<>();

    /** @param schema the section's JSON schema; its description says what the section holds */
    public void register(String name, ObjectNode schema, Reader reader) {
        if (name.equals("customer") || sections.putIfAbsent(name, new Section(name, schema, reader)) != null) {
            throw new IllegalStateException("profile section registered twice: " + name);
        }
    }

    public List<Section> all() {
        return List.copyOf(sections.values());
    }
}
