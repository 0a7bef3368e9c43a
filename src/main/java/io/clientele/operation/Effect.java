package io.clientele.operation;

/** What calling an operation does to data; surfaces use it for hints (MCP tool annotations, HTTP docs). */
public enum Effect {
    /** Reads only. */
    READ,
    /** Creates or changes data; repeating it may change more. */
    WRITE,
    /** Removes or hides data; repeating it removes nothing more. */
    DESTRUCTIVE
}
