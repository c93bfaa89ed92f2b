package com.hydracore.billing.adapter.persistence.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Cursor;
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
 * <p>A statement's values are {@linkplain Binds#param named parameters}, given by name on every run
 * ({@link Binds}); where each goes in the SQL is learnt from jOOQ's own rendering of the names on first use. The
 * first run of a shape runs the jOOQ query itself, so execute listeners (the tests' tenancy guard and statement log)
 * see the statement's object model; later runs run the same SQL text with their own values. Rows come back as
 * records of the query's own fields, so they are read by field, with their Java types.
 */
public final class RenderedReads {

    /** A named parameter as jOOQ renders it ({@code :account}); not a cast's {@code ::}. */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    private record Kept(String sql, List<String> names, List<Field<?>> fields) {
    }

    private final DSLContext dsl;
    private final Map<String, Kept> byShape;

    /** Reads on {@code dsl}'s connections. */
    public RenderedReads(DSLContext dsl) {
        this(dsl, new ConcurrentHashMap<>());
    }

    private RenderedReads(DSLContext dsl, Map<String, Kept> byShape) {
        this.dsl = dsl;
        this.byShape = byShape;
    }

    /**
     * The same statements run on {@code other}'s connection (a transaction's context), sharing what is rendered.
     * Statements built for a shape not rendered yet must be built on {@code other} too.
     */
    public RenderedReads on(DSLContext other) {
        return new RenderedReads(other, byShape);
    }

    /**
     * The rows of the statement of {@code shape} run with {@code binds}; {@code statement} builds it, its values as
     * named parameters, when the shape is new.
     *
     * @throws IllegalStateException on first use, when a value of the statement is not a named parameter given in
     *     {@code binds}: a mistake fails at once rather than reading wrong
     */
    public List<Record> fetch(String shape, Supplier<? extends ResultQuery<?>> statement, Binds binds) {
        Kept kept = byShape.get(shape);
        if (kept != null) {
            return dsl.connectionResult(connection -> run(connection, kept, binds.inOrder(kept.names())));
        }
        ResultQuery<?> built = statement.get();
        binds.byName().forEach(built::bind);
        List<String> names = namesInOrder(built);
        if (!built.getBindValues().equals(binds.inOrder(names))) {
            throw new IllegalStateException("every value of a rendered read must be a named parameter given by name: "
                    + names + " for " + built.getBindValues() + " in " + dsl.renderNamedParams(built));
        }
        List<Record> rows = List.copyOf(built.fetch());
        byShape.putIfAbsent(shape, new Kept(dsl.render(built), names, List.of(built.fields())));
        return rows;
    }

    /**
     * Like {@link #fetch}, but hands each row to {@code rows} as it is read instead of collecting them: the driver
     * fetches {@value #FETCH_SIZE} rows at a time (on PostgreSQL a cursor, which needs a transaction: the read runs in
     * one, read-only work on a connection of its own), so a result of any size never sits whole in memory. The
     * first run of a shape runs the jOOQ query lazily, so the listeners see it too.
     */
    public void stream(String shape, Supplier<? extends ResultQuery<?>> statement, Binds binds,
                       Consumer<Record> rows) {
        Kept kept = byShape.get(shape);
        if (kept == null) {
            ResultQuery<?> built = statement.get();
            binds.byName().forEach(built::bind);
            List<String> names = namesInOrder(built);
            if (!built.getBindValues().equals(binds.inOrder(names))) {
                throw new IllegalStateException("every value of a rendered read must be a named parameter given by "
                        + "name: " + names + " for " + built.getBindValues() + " in " + dsl.renderNamedParams(built));
            }
            Kept learnt = new Kept(dsl.render(built), names, List.of(built.fields()));
            Transactions.result(dsl, tx -> {
                built.attach(tx);
                try (Cursor<? extends Record> cursor = built.fetchSize(FETCH_SIZE).fetchLazy()) {
                    cursor.forEach(rows);
                }
                return null;
            });
            byShape.putIfAbsent(shape, learnt);
            return;
        }
        List<Object> values = binds.inOrder(kept.names());
        dsl.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement prepared = connection.prepareStatement(kept.sql())) {
                prepared.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < values.size(); i++) {
                    prepared.setObject(i + 1, values.get(i));
                }
                try (ResultSet result = prepared.executeQuery();
                     Cursor<Record> cursor = dsl.fetchLazy(result, kept.fields().toArray(Field<?>[]::new))) {
                    cursor.forEach(rows);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    /** Rows the driver fetches at a time when {@link #stream streaming}. */
    static final int FETCH_SIZE = 1000;

    /** The names of the statement's parameters, once per place they are bound, in the order JDBC binds them. */
    private List<String> namesInOrder(ResultQuery<?> statement) {
        List<String> names = new ArrayList<>();
        Matcher named = NAMED.matcher(dsl.renderNamedParams(statement));
        while (named.find()) {
            names.add(named.group(1));
        }
        return names;
    }

    private List<Record> run(Connection connection, Kept kept, List<Object> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(kept.sql())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                // jOOQ's own mapping of a result set: one field list for all its records (building a record per row
                // with DSLContext.newRecord built the list anew for each, half of a zoned chart's Java time)
                return List.copyOf(dsl.fetch(rows, kept.fields().toArray(Field<?>[]::new)));
            }
        }
    }
}
