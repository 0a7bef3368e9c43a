package io.clientele.platform;

import java.util.List;

/**
 * An expected rejection: bad input, a missing item, a conflict. Carries the error type, a message that
 * says what was wrong and how to fix it, and one detail per problem with its JSON pointer. Mapped to
 * HTTP and MCP in one place (the operation executor); anything else thrown is a bug.
 */
public final class Problem extends RuntimeException {
    public record Detail(String path, String message) {}

    private final ErrorType type;
    private final List<Detail> details;

    public Problem(ErrorType type, String message, List<Detail> details) {
        super(message, null, false, false);
        this.type = type;
        this.details = List.copyOf(details);
    }

    public static Problem validation(String path, String message) {
        return new Problem(ErrorType.VALIDATION, message, List.of(new Detail(path, message)));
    }

    /** Validation answers list at most this many details (the published error schema allows 1000); the message counts all. */
    public static final int MAX_DETAILS = 100;

    public static Problem validation(List<Detail> details) {
        String message = details.size() == 1
                ? details.get(0).message()
                : details.size() + " problems in the request"
                        + (details.size() > MAX_DETAILS ? "; the first " + MAX_DETAILS + " are listed." : ".");
        return new Problem(ErrorType.VALIDATION, message, details.size() > MAX_DETAILS ? details.subList(0, MAX_DETAILS) : details);
    }

    /** The one answer for an item that does not exist or belongs to another tenant, sent as {@code <type>_id}. */
    public static Problem notFound(String itemType, String id) {
        return notFound(itemType, id, "/" + itemType + "_id");
    }

    /** As {@link #notFound(String, String)}, for an id the request sent at {@code path} (e.g. {@code /item_id}). */
    public static Problem notFound(String itemType, String id, String path) {
        return new Problem(ErrorType.NOT_FOUND,
                "No " + itemType + " with id " + id + " exists. Check the id, or list items to find the right one.",
                List.of(new Detail(path, "not found")));
    }

    public static Problem conflict(String path, String message) {
        return new Problem(ErrorType.CONFLICT, message, List.of(new Detail(path, message)));
    }

    public static Problem of(ErrorType type, String message) {
        return new Problem(type, message, List.of());
    }

    public ErrorType type() {
        return type;
    }

    public List<Detail> details() {
        return details;
    }
}
