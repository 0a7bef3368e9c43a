package io.clientele.operation;

import java.util.List;

/**
 * What a handler answers: the human {@code result} sentence, the operation's own fields (a record whose
 * properties become top-level fields of the response, e.g. {@code customer_id}), and warnings that did
 * not stop the call.
 */
public record Outcome(String result, Object fields, List<Warning> warnings) {
    public record Warning(String path, String message) {}

    public Outcome {
        warnings = List.copyOf(warnings);
    }

    public static Outcome of(String result, Object fields) {
        return new Outcome(result, fields, List.of());
    }

}
