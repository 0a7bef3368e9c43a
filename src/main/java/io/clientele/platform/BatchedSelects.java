package io.clientele.platform;

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
 * Several SELECTs about one subject (a customer) run as one JDBC statement: their texts joined by {@code ;},
 * which the PostgreSQL driver sends in one round trip and answers with one result set each. Used where one
 * call reads many small things (GetCustomer's profile sections): Jdbi's per-statement work and the round
 * trips were much of such a call's cost. Only the wanted SELECTs are sent.
 *
 * <p>Each SELECT names its parameters {@code :tenant} (the transaction's) and the subject's (e.g. {@code :customer});
 * other names are integer constants of the code (limits), written into the text.
 */
public final class BatchedSelects {
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");

    /** Turns a SELECT's rows (the cursor before the first) into its value; {@code subject} is the bound subject. */
    @FunctionalInterface
    public interface Rows {
        Object read(ResultSet rs, String subject) throws SQLException;
    }

    /** One SELECT: the key of its value, its text, the integer constants it names, and how its rows become the value. */
    public record Select(String key, String sql, Map<String, Integer> constants, Rows rows) {}

    /** One combination of wanted SELECTs: the joined text with {@code ?} and the parameters in order. */
    private record Prepared(String sql, List<String> parameters, List<Select> selects) {}

    private final String subjectName;
    private final List<Select> selects;
    private final Map<Set<String>, Prepared> prepared = new ConcurrentHashMap<>();

    /** @param subjectName the parameter name the SELECTs give the subject, e.g. {@code customer} for {@code :customer} */
    public BatchedSelects(String subjectName, List<Select> selects) {
        this.subjectName = subjectName;
        this.selects = List.copyOf(selects);
    }

    public List<String> keys() {
        return selects.stream().map(Select::key).toList();
    }

    /** The value of each wanted SELECT, by key; nothing is sent when none is wanted. */
    public Map<String, Object> read(Tx tx, String subject, Set<String> wanted) {
        Map<String, Object> out = new HashMap<>();
        if (wanted.isEmpty()) return out;
        Prepared p = prepared.computeIfAbsent(Set.copyOf(wanted), this::prepare);
        try (PreparedStatement ps = tx.handle().getConnection().prepareStatement(p.sql())) {
            int i = 1;
            for (String name : p.parameters()) ps.setString(i++, name.equals("tenant") ? tx.tenant().value() : subject);
            ps.execute();
            int n = 0;
            for (Select s : p.selects()) {
                if (n++ > 0 && !ps.getMoreResults()) throw new IllegalStateException("no result set for " + s.key());
                try (ResultSet rs = ps.getResultSet()) {
                    out.put(s.key(), s.rows().read(rs, subject));
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
        List<Select> chosen = new ArrayList<>();
        for (Select s : selects) {
            if (!wanted.contains(s.key())) continue;
            if (!chosen.isEmpty()) sql.append(";\n");
            Matcher m = NAME.matcher(s.sql());
            StringBuilder text = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Integer constant = s.constants().get(name);
                if (constant != null) {
                    m.appendReplacement(text, constant.toString());
                } else if (name.equals("tenant") || name.equals(subjectName)) {
                    parameters.add(name);
                    m.appendReplacement(text, "?");
                } else {
                    throw new IllegalStateException("SELECT " + s.key() + " has no value for :" + name);
                }
            }
            m.appendTail(text);
            sql.append(text);
            chosen.add(s);
        }
        return new Prepared(sql.toString(), List.copyOf(parameters), List.copyOf(chosen));
    }
}
