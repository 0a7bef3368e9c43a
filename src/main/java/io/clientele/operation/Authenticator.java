package io.clientele.operation;

import io.clientele.platform.Origin;
import java.util.Optional;

/** Turns a bearer token into a caller, or empty when the token is not a valid key. Each surface has its own. */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> authenticate(String bearerToken, Origin origin);
}
