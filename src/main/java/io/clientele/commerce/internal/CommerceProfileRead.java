package io.clientele.commerce.internal;

import io.clientele.platform.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Reads the wanted commerce sections of GetCustomer with one JDBC statement: their SELECTs joined by
 * {@code ;}, which the PostgreSQL driver sends in one round trip and answers with one result set each.
 * Sections left out are not in the statement at all. Costs one statement instead of nine (Jdbi's
 * per-statement work was a large part of a GetCustomer's CPU).
 */
final class CommerceProfileRead {
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");

    /** One combination of wanted sections: its SQL with {@code ?} and the parameter names in order. */
    private record Prepared(String sql, List<String> parameters, List<ProfileStatement> statements) {}

    private final List<ProfileStatement> statements;
    private final Map<Set<String>, Prepared> prepared = new ConcurrentHashMap<>();

    CommerceProfileRead(List<ProfileStatement> statements) {
        this.statements = List.copyOf(statements);
    }

    List<String> sections() {
        return statements.stream().map(ProfileStatement::section).toList();
    }

    Map<String, Object> read(Tx tx, String customerId, Set<String> wanted) {
        Map<String, Object> out = new HashMap<>();
        if (wanted.isEmpty()) return out;
        Prepared p = prepared.computeIfAbsent(Set.copyOf(wanted), this::prepare);
        try (PreparedStatement ps = tx.handle().getConnection().prepareStatement(p.sql())) {
            int i = 1;
            int statement = 0;
            for (String name : p.parameters()) ps.setString(i++, name.equals("tenant") ? tx.tenant().value() : customerId);
            ps.execute();
            for (ProfileStatement s : p.statements()) {
                if (statement++ > 0 && !ps.getMoreResults()) throw new IllegalStateException("no result set for " + s.section());
                try (ResultSet rs = ps.getResultSet()) {
                    out.put(s.section(), s.rows().read(rs, customerId));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private Prepared prepare(Set<String> wanted) {
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        List<ProfileStatement> chosen = new ArrayList<>();
        for (ProfileStatement s : statements) {
            if (!wanted.contains(s.section())) continue;
            if (!chosen.isEmpty()) sql.append(";\n");
            Matcher m = NAME.matcher(s.sql());
            StringBuilder text = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Object constant = s.params().get(name);
                if (constant instanceof Integer) {
                    // Limits are constants of the code, so they are part of the statement's text.
                    m.appendReplacement(text, Matcher.quoteReplacement(constant.toString()));
                } else if (name.equals("tenant") || name.equals("customer")) {
                    parameters.add(name);
                    m.appendReplacement(text, "?");
                } else {
                    throw new IllegalStateException("profile statement " + s.section() + " has no value for :" + name);
                }
            }
            m.appendTail(text);
            sql.append(text);
            chosen.add(s);
        }
        return new Prepared(sql.toString(), List.copyOf(parameters), List.copyOf(chosen));
    }
}
