package io.clientele.operation;

import io.clientele.platform.Tx;

/**
 * A registry entry: one capability, defined once and served by every surface (REST, MCP, assistant
 * tools, CLI). The handler receives input already validated against {@link OperationSpec#inputSchema()}
 * and parsed into {@code I}, inside a transaction scoped to the caller's tenant. It rejects with a
 * {@link io.clientele.platform.Problem}; the transaction then rolls back and nothing is written.
 */
public interface Operation<I> {
    OperationSpec<I> spec();

    Outcome handle(Tx tx, I input);
}
