package io.clientele.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.group.CustomerGroupQualifier;
import io.clientele.group.Figure;
import io.clientele.group.ManualOnly;
import io.clientele.group.QualifierMethod;
import io.clientele.group.SpecificValues;
import io.clientele.group.SpecificValues.MetadataCondition;
import io.clientele.group.SubscriptionStatus;
import io.clientele.platform.Json;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request's JSON becomes the typed tree of the selected branch, and only that branch. */
class QualifierParserTest {
    private static QualifierParser.Parsed parse(QualifierMethod method, String json) {
        return QualifierParser.parse(method, Json.read(json));
    }

    @Test
    void metadataFiltersAreGroupedByNameAndNameExistsMatchesAnyValue() {
        var parsed = parse(QualifierMethod.SPECIFIC_VALUES, """
                {"specific_values": {"filters": {"metadata": [
                  {"name": "affiliate_id", "value": "aff_123"}, {"name": "affiliate_id", "value": "aff_456"},
                  {"name": "customer_tier", "value": "gold"},
                  {"name": "crm_id", "value": "x"}, {"name": "crm_id", "value": "METADATA_NAME_EXISTS"}]}}}""");

        SpecificValues sv = (SpecificValues) parsed.qualifier();

        assertThat(sv.filters().metadata()).containsExactly(
                new MetadataCondition("affiliate_id", Set.of("aff_123", "aff_456"), false),
                new MetadataCondition("customer_tier", Set.of("gold"), false),
                new MetadataCondition("crm_id", Set.of(), true));
    }

    @Test
    void hasNoSalesLeavesOnlyDaysSinceCreatedActive() {
        var parsed = parse(QualifierMethod.SPECIFIC_VALUES, """
                {"specific_values": {"values": {"has_no_sales": true,
                  "days_since_created": {"enabled": true, "min": 7, "max": 365},
                  "lifetime_value": {"enabled": true, "min": 1, "max": 999999},
                  "num_sale": {"enabled": false, "min": 1, "max": 2}}}}""");

        SpecificValues sv = (SpecificValues) parsed.qualifier();

        assertThat(sv.values().active()).containsOnlyKeys(Figure.DAYS_SINCE_CREATED);
        assertThat(sv.values().ranges()).containsKeys(Figure.LIFETIME_VALUE, Figure.NUM_SALE);
        assertThat(parsed.warnings()).hasSize(1);
    }

    @Test
    void subscriptionOptionsCarryTheirRangesAndStatuses() {
        var parsed = parse(QualifierMethod.SPECIFIC_VALUES, """
                {"specific_values": {"subscription_options": {"enabled": true,
                  "num_overdue_renewal": {"enabled": true, "min": 1, "max": 999999}, "status": ["overdue", "trial"]}}}""");

        SpecificValues.SubscriptionOptions options = ((SpecificValues) parsed.qualifier()).subscriptionOptions();

        assertThat(options.enabled()).isTrue();
        assertThat(options.statuses()).containsExactlyInAnyOrder(SubscriptionStatus.OVERDUE, SubscriptionStatus.TRIAL);
        assertThat(options.ranges().get(Figure.NUM_OVERDUE_RENEWAL).holds(BigDecimal.ONE)).isTrue();
        assertThat(options.ranges().get(Figure.NUM_OVERDUE_RENEWAL).holds(BigDecimal.ZERO)).isFalse();
    }

    @Test
    void theTreeHoldsOnlyTheSelectedBranch() {
        String both = """
                {"specific_values": {"values": {"num_sale": {"enabled": true, "min": 1, "max": 9}}},
                 "customer_group": {"in_any_customer_group": ["AAAAAAAAAAAAAAAAAAAA"]}}""";

        assertThat(parse(QualifierMethod.NONE, both).qualifier()).isEqualTo(new ManualOnly());
        assertThat(parse(QualifierMethod.CUSTOMER_GROUP, both).qualifier()).isInstanceOf(CustomerGroupQualifier.class);
        assertThat(parse(QualifierMethod.SPECIFIC_VALUES, both).qualifier()).isInstanceOf(SpecificValues.class);
        assertThat(parse(QualifierMethod.NONE, both).warnings()).hasSize(2);
    }

    @Test
    void zeroToZeroHoldsOnlyForZero() {
        var parsed = parse(QualifierMethod.SPECIFIC_VALUES, """
                {"specific_values": {"values": {"num_chargeback": {"enabled": true, "min": 0, "max": 0}}}}""");

        var range = ((SpecificValues) parsed.qualifier()).values().active().get(Figure.NUM_CHARGEBACK);

        assertThat(range.holds(BigDecimal.ZERO)).isTrue();
        assertThat(range.holds(BigDecimal.ONE)).isFalse();
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void duplicateGroupIdsAreReadOnce() {
        var parsed = parse(QualifierMethod.CUSTOMER_GROUP, """
                {"customer_group": {"in_any_customer_group": ["AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA"],
                 "not_in_customer_group": ["BBBBBBBBBBBBBBBBBBBB"]}}""");

        assertThat(((CustomerGroupQualifier) parsed.qualifier()).referencedGroups())
                .containsExactly("AAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBB");
    }
}
