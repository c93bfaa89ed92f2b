package com.hydracore.billing.adapter.persistence.sql;

import static org.jooq.impl.DSL.excluded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;

/**
 * What an upsert that replaces a whole row sets on conflict: every column but the key, from {@code EXCLUDED} (the row
 * the insert proposed), never from values bound again. A distributed PostgreSQL (Citus) accepts only immutable
 * expressions in {@code DO UPDATE SET}, and jOOQ binds an instant there as {@code cast(? as timestamp with time
 * zone)}, which is not; on H2 jOOQ's {@code MERGE} takes the same values from its source row.
 */
public final class Upserts {

    private Upserts() {
    }

    /** {@code column → excluded(column)} for every column of {@code table} not in {@code key}, in table order. */
    public static Map<Field<?>, Field<?>> everyColumnFromExcluded(Table<?> table, List<? extends Field<?>> key) {
        Map<Field<?>, Field<?>> update = new LinkedHashMap<>();
        for (Field<?> column : table.fields()) {
            if (!key.contains(column)) {
                update.put(column, excluded(column));
            }
        }
        return update;
    }
}
