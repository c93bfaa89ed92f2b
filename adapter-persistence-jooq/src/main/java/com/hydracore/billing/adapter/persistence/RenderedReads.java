package com.hydracore.billing.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The page reads' statements, rendered to SQL once per shape and then run over JDBC, as jOOQ's manual advises for
 * hot statements ("Performance considerations": cache the SQL and prepare your own statements). Rendering the
 * overview's four statements took more of the server's CPU than pgjdbc and PostgreSQL took to run them, and a plain
 * SQL query still cost jOOQ a template parse and a metadata lookup per call. A shape names everything that changes
 * the SQL text (never a bound value).
 *
 * <p>The first call of a shape runs the jOOQ query itself, so execute listeners (the tests' tenancy guard and
 * statement log) see the statement's object model; later calls run the same SQL text with the caller's bind values.
 * Those must be the query's own, in its order: the first call checks that, so a mistake fails on first use rather
 * than reading wrong. Rows come back as records of the query's own fields, read with their Java types.
 */
final class RenderedReads {

    private record Kept(String sql, List<Field<?>> fields) {
    }

    private final DSLContext dsl;
    private final Map<Object, Kept> byShape = new ConcurrentHashMap<>();

    RenderedReads(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs the query of {@code shape} with {@code binds}; {@code query} builds it (with the same binds) when new. */
    List<Record> fetch(Object shape, Supplier<? extends ResultQuery<?>> query, Object... binds) {
        Kept kept = byShape.get(shape);
        if (kept != null) {
            return dsl.connectionResult(connection -> run(connection, kept, binds));
        }
        ResultQuery<?> built = query.get();
        List<Object> expected = built.getBindValues();
        if (!expected.equals(Arrays.asList(binds))) {
            throw new IllegalStateException("bind values " + Arrays.toString(binds) + " are not the query's "
                    + expected + " in its order: " + built.getSQL());
        }
        List<Record> rows = List.copyOf(built.fetch());
        byShape.putIfAbsent(shape, new Kept(dsl.render(built), List.of(built.fields())));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private List<Record> run(Connection connection, Kept kept, Object[] binds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(kept.sql())) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Record> records = new ArrayList<>();
                while (rows.next()) {
                    Record record = dsl.newRecord(kept.fields());
                    for (int i = 0; i < kept.fields().size(); i++) {
                        Field<Object> field = (Field<Object>) kept.fields().get(i);
                        record.set(field, value(rows, i + 1, field.getType()));
                    }
                    records.add(record);
                }
                return records;
            }
        }
    }

    /** The column as {@code type}; counts are INTEGER fields to jOOQ but BIGINT to PostgreSQL, and pgjdbc won't narrow. */
    private static Object value(ResultSet rows, int column, Class<?> type) throws SQLException {
        if (type == Integer.class) {
            long value = rows.getLong(column);
            return rows.wasNull() ? null : Math.toIntExact(value);
        }
        return rows.getObject(column, type);
    }
}
