package io.clientele.operation;

/** What an API key may do. An operation names the one it needs; a key holds one or more. */
public enum Scope {
    READ,
    WRITE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
