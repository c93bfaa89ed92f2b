package com.hydracore.billing.adapter.persistence.sql;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.jooq.impl.SQLDataType;

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
    private static <T> Field<?> arrayOf(Field<?> column, Object values) {
        Field<T> typed = (Field<T>) column;
        DataType<T[]> arrayType = typed.getDataType().getArrayDataType();
        if (values instanceof long[] || values instanceof int[] || values instanceof String[]
                || values instanceof Long[] || values instanceof Integer[]) {
            return DSL.val(values, SQLDataType.OTHER.asConvertedDataType(driverEncoded(arrayType)));
        }
        return DSL.val((T[]) values, arrayType);
    }

    /**
     * Binds an array of strings or integers as it is, for pgjdbc to encode (in PostgreSQL's binary array format),
     * still rendered {@code cast(? as <type>[])}. jOOQ's own binding first writes every array as a text literal,
     * quoting element by element, which was a fifth of the server's CPU while ingesting; PostgreSQL then had to parse
     * that text back. Dates and instants keep jOOQ's binding: the driver has no array encoder for them.
     */
    private static Binding<Object, Object> driverEncoded(DataType<?> arrayType) {
        return new DriverEncodedArray(arrayType);
    }

    /**
     * The value is an array of the column's type, or a {@code long[]} or {@code int[]} (pgjdbc encodes those too;
     * {@link Rows#array} gives them where a column has no null), so the binding's type is Object.
     */
    private static final class DriverEncodedArray implements Binding<Object, Object> {

        private static final long serialVersionUID = 1L;
        private static final Converter<Object, Object> IDENTITY = Converter.ofNullable(Object.class, Object.class,
                Function.identity(), Function.identity());

        private final transient DataType<?> arrayType;

        DriverEncodedArray(DataType<?> arrayType) {
            this.arrayType = arrayType;
        }

        @Override
        public Converter<Object, Object> converter() {
            return IDENTITY;
        }

        @Override
        public void sql(BindingSQLContext<Object> ctx) {
            ctx.render().sql("cast(");
            if (ctx.render().paramType() == ParamType.INLINED) {
                ctx.render().visit(inlined(ctx.value()));
            } else {
                ctx.render().sql(ctx.variable());
            }
            ctx.render().sql(" as ").sql(arrayType.getCastTypeName(ctx.configuration())).sql(')');
        }

        /** The array as jOOQ inlines one of the column's type (a log line, a test's rendering). */
        @SuppressWarnings("unchecked")
        private Field<?> inlined(Object value) {
            Object boxed = value;
            if (value instanceof long[] longs) {
                boxed = Arrays.stream(longs).boxed().toArray(Long[]::new);
            } else if (value instanceof int[] ints) {
                boxed = Arrays.stream(ints).boxed().toArray(Integer[]::new);
            }
            return DSL.inline(boxed, (DataType<Object>) arrayType);
        }

        @Override
        public void set(BindingSetStatementContext<Object> ctx) throws SQLException {
            ctx.statement().setObject(ctx.index(), ctx.value());
        }

        // An unnest array is only ever bound to a statement, never registered, written to SQL output or read.

        private static SQLFeatureNotSupportedException onlyBound() {
            return new SQLFeatureNotSupportedException("an unnest array is only bound");
        }

        @Override
        public void register(BindingRegisterContext<Object> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void set(BindingSetSQLOutputContext<Object> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetResultSetContext<Object> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetStatementContext<Object> ctx) throws SQLException {
            throw onlyBound();
        }

        @Override
        public void get(BindingGetSQLInputContext<Object> ctx) throws SQLException {
            throw onlyBound();
        }
    }
}
