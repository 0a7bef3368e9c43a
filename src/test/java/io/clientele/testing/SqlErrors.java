package io.clientele.testing;

import java.sql.SQLException;

/** Reads the SQLSTATE out of whatever wraps a database error (Jdbi, JUnit). */
public final class SqlErrors {
    private SqlErrors() {}

    /** The SQLSTATE of the first SQLException in the cause chain, e.g. {@code 42501}; null if there is none. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) return sql.getSQLState();
        }
        return null;
    }
}
