package io.clientele.operation;

import io.clientele.platform.Actor;
import io.clientele.platform.Origin;
import io.clientele.platform.TenantId;
import java.util.Set;

/** An authenticated caller: the tenant it acts for, who it is, what its key allows, where it came from. */
public record Caller(TenantId tenant, Actor actor, Set<Scope> scopes, Origin origin) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }
}
