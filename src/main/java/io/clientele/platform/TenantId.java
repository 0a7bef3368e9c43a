package io.clientele.platform;

import java.util.Objects;

/** The tenant a piece of work belongs to. Passed explicitly to every store call; RLS is the second lock. */
public record TenantId(String value) {
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!Ids.isId(value)) throw new IllegalArgumentException("not a tenant id: " + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
