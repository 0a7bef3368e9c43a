package io.clientele.operation;

import io.clientele.platform.Ids;
import io.clientele.platform.Problem;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in a list ordered by (time, id): the opaque {@code next_cursor} of paged operations. It is a
 * position, not an offset, and holds no tenant: the list it is passed to reads only the caller's rows.
 */
public record PageCursor(Instant at, String id) {

    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, null when none was sent, or a validation error at /cursor when it is not one we issued. */
    public static PageCursor decode(String cursor) {
        if (cursor == null) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 3 || !Ids.isId(parts[2])) throw new IllegalArgumentException();
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw Problem.validation("/cursor", "is not a cursor this operation issued; pass next_cursor from the previous page unchanged");
        }
    }
}
