package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.platform.Json;

/** An operation as the registry holds it: the entry, its compiled validators, and its published schemas. */
public final class RegisteredOperation {
    private final Operation<?> operation;
    private final ObjectNode inputSchema;
    private final ObjectNode outputSchema;
    final InputValidator inputValidator;
    final InputValidator outputValidator;

    private RegisteredOperation(Operation<?> operation) {
        OperationSpec<?> spec = operation.spec();
        this.operation = operation;
        this.inputSchema = spec.inputSchema().deepCopy().put("$schema", Schemas.DIALECT);
        if (spec.scope() == Scope.WRITE && spec.idempotencyField()) {
            ((ObjectNode) inputSchema.path("properties")).set(IdempotencyKeys.FIELD, Schemas.string(IdempotencyKeys.MAX_LENGTH, """
                    Optional key that makes a retry safe, e.g. a UUID made once per intended change: a call repeated \
                    with the same key and the same input within 24 hours answers the first call's result and changes \
                    nothing more. The same key with different input is a conflict. Same as the Idempotency-Key header.""")
                    .put("pattern", "^[!-~]+$"));
        }
        this.outputSchema = Envelope.successSchema(spec.fieldsSchema());
        this.inputValidator = new InputValidator(inputSchema);
        this.outputValidator = new InputValidator(outputSchema);
    }

    static RegisteredOperation of(Operation<?> operation) {
        return new RegisteredOperation(operation);
    }

    public Operation<?> operation() {
        return operation;
    }

    public OperationSpec<?> spec() {
        return operation.spec();
    }

    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    public ObjectNode outputSchema() {
        return outputSchema.deepCopy();
    }

    /** The shape {@code GET /v1/ops} lists and MCP turns into a tool. */
    public ObjectNode describe() {
        OperationSpec<?> spec = spec();
        ObjectNode out = Json.object()
                .put("name", spec.name())
                .put("type", spec.type())
                .put("method", spec.method())
                .put("description", spec.description())
                .put("scope", spec.scope().wireName())
                .put("effect", spec.effect().name().toLowerCase(java.util.Locale.ROOT));
        out.set("input_schema", inputSchema());
        out.set("output_schema", outputSchema());
        return out;
    }
}
