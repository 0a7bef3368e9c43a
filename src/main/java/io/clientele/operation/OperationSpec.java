package io.clientele.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Everything the registry and its surfaces know about an operation except its handler.
 *
 * @param name        the seed's operation name, e.g. {@code CreateCustomer}
 * @param type        the {@code api_call.type} it is logged as, e.g. {@code customer}
 * @param method      the {@code api_call.method}, e.g. {@code create}
 * @param description for humans and AI clients: what it does and the rules for calling it correctly
 * @param inputSchema JSON Schema of the input object (closed at every level)
 * @param fieldsSchema JSON Schema of the operation's own output fields; the registry adds the envelope
 */
public record OperationSpec<I>(
        String name,
        String type,
        String method,
        String description,
        Scope scope,
        Effect effect,
        Class<I> inputType,
        ObjectNode inputSchema,
        ObjectNode fieldsSchema,
        boolean idempotencyField) {

    public OperationSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(method);
        Objects.requireNonNull(description);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(effect);
        Objects.requireNonNull(inputType);
        Objects.requireNonNull(inputSchema);
        Objects.requireNonNull(fieldsSchema);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String type;
        private String method;
        private String description;
        private Scope scope;
        private Effect effect;
        private boolean idempotencyField = true;

        private Builder(String name) {
            this.name = name;
        }

        /** The {@code api_call} type and method this operation is recorded under. */
        public Builder loggedAs(String type, String method) {
            this.type = type;
            this.method = method;
            return this;
        }

        public Builder description(String description) {
            this.description = description.strip();
            return this;
        }

        public Builder reads() {
            this.scope = Scope.READ;
            this.effect = Effect.READ;
            return this;
        }

        public Builder writes() {
            this.scope = Scope.WRITE;
            this.effect = Effect.WRITE;
            return this;
        }

        public Builder destroys() {
            this.scope = Scope.WRITE;
            this.effect = Effect.DESTRUCTIVE;
            return this;
        }

        /**
         * The input schema is published exactly as given, for an operation whose schema a seed fixes to the
         * letter: a write then takes its idempotency key from the {@code Idempotency-Key} header only, not
         * from an added {@code idempotency_key} field.
         */
        public Builder exactInputSchema() {
            this.idempotencyField = false;
            return this;
        }

        public <I> OperationSpec<I> schemas(Class<I> inputType, ObjectNode input, ObjectNode fields) {
            return new OperationSpec<>(name, type, method, description, scope, effect, inputType, input, fields, idempotencyField);
        }
    }
}
