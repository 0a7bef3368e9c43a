package io.clientele.group.internal;

import io.clientele.operation.Paging;
import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.bool;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.integer;
import static io.clientele.operation.Schemas.money;
import static io.clientele.operation.Schemas.nonEmptyString;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.group.CustomerGroup;
import io.clientele.group.Figure;
import io.clientele.group.QualifierMethod;
import io.clientele.group.SpecificValues.MetadataCondition;
import io.clientele.group.SubscriptionStatus;
import io.clientele.operation.Schemas;
import java.time.Instant;
import java.util.List;

/** Schema pieces the group operations share: seed 002's definition fields, and a group as answered. */
final class GroupSchemas {
    static final int NAME = 200;
    static final int DESCRIPTION = 2_000;
    static final int MAX_IDS = 100;
    static final int MAX_METADATA = 50;
    /** Ids in qualifier lists are checked in the handler, so a placeholder gets a message that names it. */
    static final int ID_TEXT = 100;
    static final long MAX_COUNT = 2_147_483_647L;

    private GroupSchemas() {}

    /** A group as read: the definition as sent, plus what the service knows. */
    record GroupView(String customerGroupId, String name, String description, boolean enabled, String qualifierMethod,
                     JsonNode qualifiers, long memberCount, Instant createdAt, Instant updatedAt) {
        static GroupView of(CustomerGroup g, long memberCount) {
            return new GroupView(g.customerGroupId(), g.name(), g.description(), g.enabled(), g.qualifierMethod().wire(),
                    g.qualifiers(), memberCount, g.createdAt(), g.updatedAt());
        }
    }

    /** The top-level definition fields of seed 002, none required by the schema (the handler asks for what it needs). */
    static Schemas.ObjectBuilder definition(Schemas.ObjectBuilder input) {
        return input
                .property("name", string(NAME, "Customer group name: clear, specific and unique in the account (e.g."
                        + " \"VIP Customers\", not \"Group 1\"); groups may trigger automation. Required on create."))
                .property("description", string(DESCRIPTION, "What the group means, how customers qualify, whether"
                        + " members are added manually or by qualifiers, and whether its added/removed events trigger"
                        + " workflows or outreach."))
                .property("enabled", bool("Whether the group is enabled. Default false: create disabled while drafting"
                        + " or when automation will act on customer_group.added/removed events, and enable after review.")
                        .put("default", false))
                .property("qualifier_method", enumOf("Which qualifier branch decides membership; the others are ignored."
                        + " none: manual/workflow-only (AddCustomerToGroup). specific_values: only"
                        + " qualifiers.specific_values. customer_group: only qualifiers.customer_group. Required on create.",
                        QualifierMethod.wires()))
                .property("qualifiers", qualifiers());
    }

    static ObjectNode qualifiers() {
        return object("Qualifier object; only the branch qualifier_method selects is evaluated. Send {} for none.")
                .property("specific_values", specificValues())
                .property("customer_group", object("Used only when qualifier_method is customer_group. A customer"
                        + " qualifies when in at least one in_any group (if any are listed), in every in_all group, and in"
                        + " none of the not_in groups.")
                        .property("in_any_customer_group", groupIds("Customer must be in at least one of these groups (OR)."))
                        .property("in_all_customer_group", groupIds("Customer must be in every one of these groups (AND)."))
                        .property("not_in_customer_group", groupIds("Customer must be in none of these groups (exclusion)."))
                        .build())
                .build();
    }

    private static ObjectNode specificValues() {
        Schemas.ObjectBuilder values = object("Customer figures; every enabled range must hold (AND). Disabled ranges"
                + " are ignored.")
                .property("has_no_sales", bool("true: the customer must have 0 sales, and every other value except"
                        + " days_since_created is ignored. Default false.").put("default", false));
        Figure.values(false).forEach(f -> values.property(f.wire(), range(f)));
        Schemas.ObjectBuilder subscription = object("Subscription qualifiers, evaluated only when enabled is true.")
                .property("enabled", bool("Whether subscription options are evaluated. Default false.").put("default", false));
        Figure.values(true).forEach(f -> subscription.property(f.wire(), range(f)));
        subscription.property("status", array(enumOf("A subscription status.", SubscriptionStatus.wires()), 6,
                "The customer has a subscription in one of these statuses (OR); empty: no status qualification."));
        return object("Used only when qualifier_method is specific_values. filters AND values AND subscription_options.")
                .property("filters", object("Related-record and metadata filters; an empty list is no filter.")
                        .property("campaign", ids("campaign", "Customer is associated with one of these campaigns (OR)."))
                        .property("product_group", ids("product group",
                                "Customer purchased a product in one of these product groups (OR)."))
                        .property("third_party_shop", ids("third-party shop",
                                "Customer purchased from one of these third-party shops (OR)."))
                        .property("metadata", array(object("A metadata filter.")
                                        .required("name", nonEmptyString(100, "Metadata name."))
                                        .required("value", nonEmptyString(255, "Metadata value, or "
                                                + MetadataCondition.NAME_EXISTS + " to match the name with any value."))
                                        .build(), MAX_METADATA,
                                "Grouped by name: OR among values of one name, AND across names. E.g. affiliate_id=a,"
                                        + " affiliate_id=b, tier=gold means (affiliate_id a OR b) AND tier gold."))
                        .build())
                .property("values", values.build())
                .property("subscription_options", subscription.build())
                .build();
    }

    private static ObjectNode range(Figure f) {
        String what = "The customer's " + f.meaning();
        ObjectNode bound = switch (f.kind()) {
            case DAYS -> integer(1, MAX_COUNT, "Whole days; must be greater than 0.");
            case COUNT -> integer(0, MAX_COUNT, "A whole number.");
            case MONEY -> money("An amount in the tenant's currency.");
        };
        return object(what + " must be >= min and <= max when enabled. min 0 and max 0 means exactly 0; max 0 is not"
                + " \"no limit\" (use a large max such as 999999).")
                .property("enabled", bool("Whether this range is evaluated. Default false.").put("default", false))
                .property("min", bound.deepCopy().put("description", "Minimum (inclusive). " + bound.path("description").asText()))
                .property("max", bound.deepCopy().put("description", "Maximum (inclusive). " + bound.path("description").asText()))
                .build();
    }

    private static ObjectNode ids(String what, String meaning) {
        return array(string(ID_TEXT, "A 20-character " + what + " id."), MAX_IDS, meaning + " Real 20-character ids only.");
    }

    private static ObjectNode groupIds(String meaning) {
        return array(string(ID_TEXT, "A 20-character customer_group_id."), MAX_IDS,
                meaning + " Real 20-character customer_group_ids (GetCustomerGroups), never placeholders.");
    }

    static ObjectNode group() {
        return object("A customer group.")
                .required("customer_group_id", id("The group's id."))
                .required("name", string(NAME, "Name."))
                .required("description", nullable(string(DESCRIPTION, "Description, or null.")))
                .required("enabled", bool("Whether the group is enabled."))
                .required("qualifier_method", enumOf("How customers qualify.", QualifierMethod.wires()))
                .required("qualifiers", qualifiers().put("description", "The qualifiers as sent, inactive branches"
                        + " included; only the branch qualifier_method selects counts."))
                .required("member_count", integer(0, Long.MAX_VALUE, "How many customers are in the group."))
                .required("created_at", timestamp("When it was created."))
                .required("updated_at", timestamp("When its definition last changed."))
                .build();
    }

    static ObjectNode groupRef() {
        return object("A group the customer is in.")
                .required("customer_group_id", id("The group's id."))
                .required("name", string(NAME, "The group's name."))
                .build();
    }

    static Schemas.ObjectBuilder paging(Schemas.ObjectBuilder input, String by) {
        return input
                .property("order", enumOf("newest_first (default) or oldest_first, by " + by + ".",
                        List.of("newest_first", "oldest_first")))
                .property("limit", integer(1, Paging.MAX_LIMIT, "Page size, default " + Paging.DEFAULT_LIMIT + "."))
                .property("cursor", string(200, "next_cursor from the previous page, unchanged."));
    }

    static ObjectNode nextCursor() {
        return nullable(string(200, "Cursor of the next page; null on the last page."));
    }
}
