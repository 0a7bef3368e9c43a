package io.clientele.operation;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one list of operations every surface serves. Features register theirs at start-up. */
public final class OperationRegistry {
    private final Map<String, RegisteredOperation> byName = new LinkedHashMap<>();

    public OperationRegistry register(Operation<?> operation) {
        String name = operation.spec().name();
        if (byName.containsKey(name)) throw new IllegalStateException("operation registered twice: " + name);
        byName.put(name, RegisteredOperation.of(operation));
        return this;
    }

    public OperationRegistry registerAll(List<? extends Operation<?>> operations) {
        operations.forEach(this::register);
        return this;
    }

    public Optional<RegisteredOperation> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<RegisteredOperation> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
