package com.hydracore.billing.adapter.persistence.sql;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Rows to write, given column by column: each column with the value it takes from each row, so that a statement names
 * its values by column, never by position. PostgreSQL sends them as one array per column ({@link Unnest}); H2 as
 * jOOQ records ({@link #records}).
 *
 * @param <T> what a row is made from
 */
public final class Rows<T> {

    private record Column<T>(Field<?> field, Function<? super T, ?> value) {
    }

    private final Collection<T> rows;
    private final List<Column<T>> columns = new ArrayList<>();

    private Rows(Collection<T> rows) {
        this.rows = rows;
    }

    /** Rows made from {@code rows}, their columns added one by one with {@link #column}. */
    public static <T> Rows<T> of(Collection<T> rows) {
        return new Rows<>(rows);
    }

    /** The column {@code column} of the rows: {@code value} of each. */
    public <V> Rows<T> column(Field<V> column, Function<? super T, ? extends V> value) {
        columns.add(new Column<>(column, value));
        return this;
    }

    /**
     * Like {@link #column}, for a column a table may not have: nothing when {@code column} is null (an account-wide
     * table has no instance).
     */
    public <V> Rows<T> optionalColumn(Field<V> column, Function<? super T, ? extends V> value) {
        return column == null ? this : column(column, value);
    }

    /** The columns, in the order they were added: an INSERT's column list. */
    public List<Field<?>> columns() {
        return columns.stream().<Field<?>>map(Column::field).toList();
    }

    /** How many rows there are. */
    public int size() {
        return rows.size();
    }

    /**
     * The values of the {@code i}-th column, one per row: a {@code long[]} or {@code int[]} for a column of longs or
     * integers without a null (most of what an append sends), which pgjdbc encodes straight from the primitives and
     * which keeps no boxes reachable while the statement runs; else an array typed like the column.
     */
    Object array(int i) {
        Column<T> column = columns.get(i);
        Object[] array = (Object[]) Array.newInstance(column.field().getType(), rows.size());
        int r = 0;
        boolean nulls = false;
        for (T row : rows) {
            Object value = column.value().apply(row);
            nulls |= value == null;
            array[r++] = value;
        }
        if (nulls) {
            return array;
        }
        if (array instanceof Long[] longs) {
            long[] unboxed = new long[longs.length];
            for (int k = 0; k < longs.length; k++) {
                unboxed[k] = longs[k];
            }
            return unboxed;
        }
        if (array instanceof Integer[] ints) {
            int[] unboxed = new int[ints.length];
            for (int k = 0; k < ints.length; k++) {
                unboxed[k] = ints[k];
            }
            return unboxed;
        }
        return array;
    }

    /**
     * One record per row with every column set, by field; {@code more} columns are added to each record, unset, for
     * the caller to fill.
     */
    @SuppressWarnings("unchecked")
    public List<Record> records(DSLContext dsl, Field<?>... more) {
        List<Field<?>> fields = new ArrayList<>(columns());
        fields.addAll(List.of(more));
        List<Record> records = new ArrayList<>(rows.size());
        for (T row : rows) {
            Record record = dsl.newRecord(fields);
            for (Column<T> column : columns) {
                record.set((Field<Object>) column.field(), column.value().apply(row));
            }
            records.add(record);
        }
        return records;
    }
}
