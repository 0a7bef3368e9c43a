package io.clientele.platform;

/**
 * Who made a call: the kind of caller ({@code api_key}, {@code mcp}, {@code admin}, {@code system},
 * {@code ai_assistant}, ...) and its id (the API key id, the assistant id, ...).
 */
public record Actor(String kind, String id) {
    public static final String API_KEY = "api_key";
    /** An API key used through the MCP surface (HTTP or stdio). */
    public static final String MCP = "mcp";
    public static final String SYSTEM = "system";

    public static Actor system() {
        return new Actor(SYSTEM, null);
    }
}
