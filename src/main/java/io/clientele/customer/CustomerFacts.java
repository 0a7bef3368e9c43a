package io.clientele.customer;

/**
 * What the customer feature publishes for features that qualify customers (customer groups, seed 002): SQL
 * relations read through these fragments and never through the tables behind them. Each is a complete
 * {@code SELECT} scoped by the named parameter {@code :tenant}, to use as a derived table.
 */
public final class CustomerFacts {
    private CustomerFacts() {}

    /**
     * The live customers (deleted and merged ones are not here): {@code customer_id}, {@code created_at} and
     * {@code campaign_id} (the campaign the customer came from, or null).
     */
    public static final String LIVE = """
            SELECT id AS customer_id, created_at, campaign_id FROM customer
            WHERE tenant_id = :tenant AND deleted_at IS NULL""";

    /** The customers' own metadata (not that of their sales or other records): {@code customer_id}, {@code name}, {@code value}. */
    public static final String METADATA = """
            SELECT item_id AS customer_id, name, value FROM metadata
            WHERE tenant_id = :tenant AND item_type = 'customer'""";
}
