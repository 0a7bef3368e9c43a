package io.clientele.group;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code qualifier_method: customer_group}: in at least one of {@code inAny} (when not empty), in every one of
 * {@code inAll}, and in none of {@code notIn}.
 */
public record CustomerGroupQualifier(List<String> inAny, List<String> inAll, List<String> notIn) implements Qualifier {
    public CustomerGroupQualifier {
        inAny = List.copyOf(inAny);
        inAll = List.copyOf(inAll);
        notIn = List.copyOf(notIn);
    }

    @Override
    public QualifierMethod method() {
        return QualifierMethod.CUSTOMER_GROUP;
    }

    /** Every group this one reads, once each: the edges of the dependency graph. */
    public Set<String> referencedGroups() {
        Set<String> all = new LinkedHashSet<>(inAny);
        all.addAll(inAll);
        all.addAll(notIn);
        return all;
    }
}
