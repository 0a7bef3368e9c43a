package io.clientele.customer.internal;

import static io.clientele.operation.Schemas.array;
import static io.clientele.operation.Schemas.enumOf;
import static io.clientele.operation.Schemas.id;
import static io.clientele.operation.Schemas.nullable;
import static io.clientele.operation.Schemas.object;
import static io.clientele.operation.Schemas.string;
import static io.clientele.operation.Schemas.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientele.customer.Customer;
import io.clientele.operation.Schemas;
import java.util.List;

/** Schema pieces the customer operations share, so a field has one definition and one limit. */
public final class CustomerSchemas {
    private CustomerSchemas() {}

    static final String CLEAR_HINT = " Send an empty string to clear it.";

    static ObjectNode address(boolean forEdit) {
        String hint = forEdit ? CLEAR_HINT : "";
        return object("Postal address." + (forEdit ? " Only the parts sent change." : ""))
                .property("line1", string(200, "Address line 1." + hint))
                .property("line2", string(200, "Address line 2." + hint))
                .property("city", string(100, "City." + hint))
                .property("state", string(100, "State, province or region." + hint))
                .property("zip", string(20, "ZIP or postal code." + hint))
                .property("country", string(2, "ISO 3166-1 alpha-2 country code, e.g. US." + hint))
                .build();
    }

    /** The writable identity fields, as CreateCustomer and EditCustomer accept them. */
    static Schemas.ObjectBuilder contactFields(Schemas.ObjectBuilder b, boolean forEdit) {
        String hint = forEdit ? CLEAR_HINT : "";
        return personFields(b, hint)
                .property("company", string(200, "Company name." + hint))
                .property("internal_id", string(100, "The customer's id in your own systems (CRM, shop)." + hint))
                .property("campaign_id", forEdit ? string(20, "Campaign the customer is associated with (20-character id)." + hint)
                                .put("pattern", "^([0-9A-Za-z]{20})?$")
                        : id("Campaign the customer is associated with (20-character id)."))
                .property("status", enumOf("enabled (default), disabled or blocked. Blocked customers should not be charged or contacted.", Customer.STATUSES))
                .property("lifecycle_stage", enumOf("prospect, lead, customer (default) or churned.", Customer.LIFECYCLE_STAGES))
                .property("source", string(100, "Where the customer came from, e.g. google_ads, referral, chat." + hint));
    }

    /** A new customer's fields, as CreateCustomer and each entry of CreateCustomers take them. */
    public static ObjectNode newCustomer(String description) {
        return newCustomerFields(object(description)).build();
    }

    static Schemas.ObjectBuilder newCustomerFields(Schemas.ObjectBuilder b) {
        return contactFields(b, false)
                .property("tags", tags("Tags, e.g. [\"VIP\", \"wholesale\"]; duplicates are dropped."));
    }

    /** Who a person is: names, email, phone and address, as customers are matched by them. */
    static Schemas.ObjectBuilder personFields(Schemas.ObjectBuilder b, String hint) {
        return b.property("first_name", string(100, "Given name." + hint))
                .property("last_name", string(100, "Family name." + hint))
                .property("email", string(254, "Email address; syntax is checked. Customers are matched by it, lower-cased." + hint))
                .property("phone", string(40, "Phone as given; also stored in E.164 when it parses (national numbers are read in the address country)." + hint))
                .property("address", address(!hint.isEmpty()));
    }

    /** The keys a duplicate candidate matched on (CustomerMatcher). */
    static ObjectNode matchedKeys() {
        return array(enumOf("A key that matched.", List.of("email", "phone", "name", "address")), 4, "The keys that matched.");
    }

    static ObjectNode tags(String description) {
        return array(string(50, "A tag, e.g. VIP or wholesale."), 50, description);
    }

    static ObjectNode customer() {
        return object("A customer.")
                .required("customer_id", id("The customer's id."))
                .required("first_name", nullable(string(100, "Given name.")))
                .required("last_name", nullable(string(100, "Family name.")))
                .required("email", nullable(string(254, "Email address.")))
                .required("phone", nullable(string(40, "Phone as given.")))
                .required("phone_e164", nullable(string(20, "Phone in E.164, when it parsed.")))
                .required("company", nullable(string(200, "Company.")))
                .required("internal_id", nullable(string(100, "Id in your own systems.")))
                .required("campaign_id", nullable(string(20, "Campaign id.")))
                .required("address", storedAddress())
                .required("status", enumOf("Status.", Customer.STATUSES))
                .required("lifecycle_stage", enumOf("Lifecycle stage.", Customer.LIFECYCLE_STAGES))
                .required("tags", tags("Tags."))
                .required("source", nullable(string(100, "Source.")))
                .required("created_at", timestamp("When the customer was created (UTC)."))
                .required("updated_at", timestamp("When the customer last changed (UTC)."))
                .build();
    }

    /** An address as reads answer it: every part present, null when not known. */
    static ObjectNode storedAddress() {
        return object("Postal address.")
                .required("line1", nullable(string(200, "Line 1.")))
                .required("line2", nullable(string(200, "Line 2.")))
                .required("city", nullable(string(100, "City.")))
                .required("state", nullable(string(100, "State.")))
                .required("zip", nullable(string(20, "ZIP.")))
                .required("country", nullable(string(2, "ISO country code.")))
                .build();
    }

    static ObjectNode customerIdInput(String description) {
        return object(description).required("customer_id", id("The customer's 20-character id.")).build();
    }
}
