package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.CustomerMatcher;

/** Schema pieces of the match blocklist operations. */
final class MatchBlocklistSchemas {
    private MatchBlocklistSchemas() {}

    record Entry(String kind, String value) {}

    record Changed(String kind, String value, boolean changed) {}

    static ObjectNode entryInput(String description) {
        return object(description)
                .required("kind", enumOf("email, phone or name.", CustomerMatcher.KINDS))
                .required("value", nonEmptyString(254, "The value, e.g. test@test.com, 0000000000 or Test Customer; "
                        + "stored normalised (emails lower-cased, phones in E.164, names without case or accents)."))
                .build();
    }

    static ObjectNode changedOutput(String description) {
        return object(description)
                .required("kind", enumOf("The kind.", CustomerMatcher.KINDS))
                .required("value", string(254, "The value as matching compares it."))
                .required("changed", bool("False when the blocklist already was so."))
                .build();
    }
}
