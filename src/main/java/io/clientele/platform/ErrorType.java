package io.clientele.platform;

/** The error types of CONTRACT.md with their HTTP status; MCP maps the same names. */
public enum ErrorType {
    VALIDATION(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    INTERNAL(500);

    private final int httpStatus;

    ErrorType(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The name in envelopes: {@code validation}, {@code not_found}, ... */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
