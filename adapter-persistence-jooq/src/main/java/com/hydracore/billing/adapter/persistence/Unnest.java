package com.hydracore.billing.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Many rows as one bind value per column, for PostgreSQL: {@code SELECT r.col1, … FROM unnest(?, ?, …) AS r(col1, …)}.
 * A statement of a thousand rows then has a few bind values instead of thousands that jOOQ and the driver would
 * render and bind one by one (that was most of an append's time).
 */
final class Unnest {

    private static final String ALIAS = "r";

    private Unnest() {
    }

    /**
     * The rows whose {@code i}-th column takes its values from {@code arrays[i]}, typed and named like
     * {@code columns.get(i)}; all arrays have one element per row.
     */
    static Select<Record> select(List<Field<?>> columns, Object[]... arrays) {
        return DSL.select(columns.stream().<Field<?>>map(Unnest::column).toList()).from(table(columns, arrays));
    }

    /** The same rows as a table aliased {@code r}, for a caller that filters them; see {@link #column}. */
    static Table<?> table(List<Field<?>> columns, Object[]... arrays) {
        List<Field<?>> binds = new ArrayList<>();
        StringBuilder template = new StringBuilder("unnest(");
        for (int i = 0; i < arrays.length; i++) {
            template.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
            binds.add(arrayOf(columns.get(i), arrays[i]));
        }
        template.append(')');
        String[] names = columns.stream().map(Field::getName).toArray(String[]::new);
        return DSL.table(template.toString(), binds.toArray(Object[]::new)).as(ALIAS, names);
    }

    /** The column of {@link #table} that takes its values for {@code like}: {@code r.<like's name>}, typed alike. */
    static <T> Field<T> column(Field<T> like) {
        return DSL.field(DSL.name(ALIAS, like.getName()), like.getDataType());
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T[]> arrayOf(Field<?> column, Object[] values) {
        Field<T> typed = (Field<T>) column;
        return DSL.val((T[]) values, typed.getDataType().getArrayDataType());
    }
}
