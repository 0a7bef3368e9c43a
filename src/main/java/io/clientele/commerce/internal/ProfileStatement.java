package io.clientele.commerce.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * One commerce section of GetCustomer as a statement of {@link CommerceProfileRead}: its SQL (the same text
 * the store's own read runs, with {@code :tenant}, {@code :customer} and the names in {@code params}), and
 * how its rows become the section's value.
 */
record ProfileStatement(String section, String sql, Map<String, Object> params, Rows rows) {
    @FunctionalInterface
    interface Rows {
        /** All of the statement's rows (the cursor is before the first) as the section's value. */
        Object read(ResultSet rs, String customerId) throws SQLException;
    }
}
