package io.clientele.platform;

/**
 * Who made a call: the kind of caller ({@code api_key}, {@code mcp}, {@code admin}, {@code system},
 * {@code ai_assistant}, ...) and its id (the API key id, the assistant id, ...).
 */
public record Actor(String kind, String id) {
    public static final String API_KEY = "api_key";
    public static final String SYSTEM = "system";

    public static Actor system() {
        return new Actor(SYSTEM, null);
    }
}
