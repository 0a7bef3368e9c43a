/**
 * The MCP surface: every registry operation as a tool (and customers as resources) over Streamable HTTP at
 * {@code /mcp} and over stdio, each call handed to the {@link io.clientele.operation.OperationExecutor}; no logic of its own.
 */
package io.clientele.mcp;
