package com.hydracore.billing.adapter.persistence.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * The bind values of one run of a {@link RenderedReads read}, each by its name: a statement is written with
 * {@link #param named parameters} where its values go, and is given them here, in no particular order.
 */
public final class Binds {

    /**
     * A named bind value, typed like the column it is compared with (so it renders as that column's type does).
     *
     * @param name the parameter's name, unique within a statement
     * @param type its SQL type
     * @param <T>  its Java type
     */
    public record Name<T>(String name, DataType<T> type) {

        /** A bind value named {@code name}, of {@code like}'s type. */
        public static <T> Name<T> of(String name, Field<T> like) {
            return new Name<>(name, like.getDataType());
        }
    }

    private final Map<String, Object> values = new HashMap<>();

    /** {@code value} for the parameter {@code name}. */
    public <T> Binds with(Name<T> name, T value) {
        values.put(name.name(), Objects.requireNonNull(value, name.name()));
        return this;
    }

    /** Where the value named {@code name} goes in a statement: a parameter of its own, bound on first use. */
    public static <T> Param<T> param(Name<T> name) {
        return DSL.param(name.name(), name.type());
    }

    /** The names given a value. */
    Map<String, Object> byName() {
        return values;
    }

    /** The values of {@code names}, in that order; a name without a value fails, naming it. */
    List<Object> inOrder(List<String> names) {
        return names.stream().map(name -> {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for the parameter " + name);
            }
            return values.get(name);
        }).toList();
    }
}
