package io.clientele.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The protocol's own Jackson 2 mapper. Not the application's {@code Json.MAPPER}: that one renames to
 * snake_case and refuses unknown fields, which would break the SDK's protocol records.
 */
final class McpJson {
    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper());

    private McpJson() {}
}
