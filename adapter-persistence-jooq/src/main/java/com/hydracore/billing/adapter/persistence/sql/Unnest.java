package com.hydracore.billing.adapter.persistence.sql;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Many rows as one bind value per column, for PostgreSQL: {@code SELECT r.col1, … FROM unnest(?, ?, …) AS r(col1, …)}.
 * A statement of a thousand rows then has a few bind values instead of thousands that jOOQ and the driver would
 * render and bind one by one (that was most of an append's time). The rows are given column by column ({@link Rows}).
 */
public final class Unnest {

    private static final String ALIAS = "r";

    private Unnest() {
    }

    /** {@code SELECT r.col1, … FROM unnest(…) AS r(col1, …)}: an INSERT's rows, in the order of {@code rows}' columns. */
    public static Select<Record> select(Rows<?> rows) {
        return DSL.select(rows.columns().stream().<Field<?>>map(Unnest::column).toList()).from(table(rows));
    }

    /** The rows as a table aliased {@code r}, for a statement that joins or filters them (see {@link #column}). */
    public static Table<?> table(Rows<?> rows) {
        List<Field<?>> columns = rows.columns();
        List<Field<?>> binds = new ArrayList<>();
        StringBuilder template = new StringBuilder("unnest(");
        for (int i = 0; i < columns.size(); i++) {
            template.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
            binds.add(arrayOf(columns.get(i), rows.array(i)));
        }
        template.append(')');
        String[] names = columns.stream().map(Field::getName).toArray(String[]::new);
        return DSL.table(template.toString(), binds.toArray(Object[]::new)).as(ALIAS, names);
    }

    /** The column of {@link #table} that takes its values for {@code like}: {@code r.<like's name>}, typed alike. */
    public static <T> Field<T> column(Field<T> like) {
        return DSL.field(DSL.name(ALIAS, like.getName()), like.getDataType());
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T[]> arrayOf(Field<?> column, Object[] values) {
        Field<T> typed = (Field<T>) column;
        DataType<T[]> arrayType = typed.getDataType().getArrayDataType();
        if (values instanceof String[] || values instanceof Long[] || values instanceof Integer[]) {
            return DSL.val((T[]) values, arrayType.asConvertedDataType(driverEncoded(arrayType)));
        }
        return DSL.val((T[]) values, arrayType);
    }

    /**
     * Binds an array of strings or integers as it is, for pgjdbc to encode (in PostgreSQL's binary array format),
     * still rendered {@code cast(? as <type>[])}. jOOQ's own binding first writes every array as a text literal,
     * quoting element by element, which was a fifth of the server's CPU while ingesting; PostgreSQL then had to parse
     * that text back. Dates and instants keep jOOQ's binding: the driver has no array encoder for them.
     */
    private static <A> Binding<A, A> driverEncoded(DataType<A> arrayType) {
        return new DriverEncodedArray<>(arrayType);
    }

    private static final class DriverEncodedArray<A> implements Binding<A, A> {

        private static final long serialVersionUID = 1L;

        private final transient DataType<A> arrayType;
        private final Converter<A, A> identity;

        DriverEncodedArray(DataType<A> arrayType) {
            this.arrayType = arrayType;
            Class<A> type = arrayType.getType();
            this.identity = Converter.ofNullable(type, type, Function.identity(), Function.identity());
        }

        @Override
        public Converter<A, A> converter() {
            return identity;
        }

        @Override
        public void sql(BindingSQLContext<A> ctx) {
            ctx.render().sql("cast(");
            if (ctx.render().paramType() == ParamType.INLINED) {
                ctx.render().visit(DSL.inline(ctx.value(), arrayType));
            } else {
                ctx.render().sql(ctx.variable());
            }
            ctx.render().sql(" as ").sql(arrayType.getCastTypeName(ctx.configuration())).sql(')');
        }

        @Override
        public void set(BindingSetStatementContext<A> ctx) throws SQLException {
            ctx.statement().setObject(ctx.index(), ctx.value());
        }

        // An unnest array is only ever bound to a statement, never registered, written to SQL output or read.

        private static SQLFeatureNotSupportedException onlyBound() {
            return new SQLFeatureNotSupportedException("an unnest array is only bound");
        }

        @Override
        public void register(BindingRegisterContext<A> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void set(BindingSetSQLOutputContext<A> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetResultSetContext<A> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetStatementContext<A> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetSQLInputContext<A> ctx) throws SQLException {
            throw onlyBound();
        }
    }
}
