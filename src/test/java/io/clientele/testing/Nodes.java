package io.clientele.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small readers for JSON answers, so assertions compare plain values. */
public final class Nodes {
    private Nodes() {}

    /** The elements of a JSON array of strings. */
    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** One field of every element of a JSON array of objects, e.g. the ids of a page. */
    public static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText(null)));
        return out;
    }

    /**
     * An amount as text with two decimals, e.g. {@code 5.00}: the client reads JSON numbers as doubles, so
     * this compares the value, not the digits the server wrote.
     */
    public static String amount(JsonNode number) {
        return number.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** One amount field of every element of a JSON array of objects, each as {@link #amount}. */
    public static List<String> amounts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(amount(n.path(field))));
        return out;
    }

    public static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
