package io.clientele.platform;

/** Where a call came from, as the audit log records it. Both parts may be null (CLI, background jobs). */
public record Origin(String ip, String userAgent) {
    public static final Origin NONE = new Origin(null, null);

    public Origin {
        if (userAgent != null && userAgent.length() > 512) userAgent = userAgent.substring(0, 512);
    }
}
