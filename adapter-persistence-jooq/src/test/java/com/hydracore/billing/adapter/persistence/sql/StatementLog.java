package com.hydracore.billing.adapter.persistence.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.QOM;

/** Records every statement jOOQ sends and the tables it names, so tests can count round trips and check reads. */
public final class StatementLog implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<Query> queries = new ArrayList<>();

    @Override
    public synchronized void executeStart(ExecuteContext ctx) {
        queries.add(ctx.query());
    }

    public synchronized void clear() {
        queries.clear();
    }

    /** Statements sent since the last {@link #clear()}. */
    public synchronized int count() {
        return queries.size();
    }

    /** Names of the tables the statements since the last {@link #clear()} read or wrote. */
    public synchronized Set<String> tables() {
        Set<String> names = new TreeSet<>();
        for (Query q : queries) {
            if (q instanceof Select<?> s) {
                // the tables of nested SELECTs and of joins too; the aliases of derived tables are not tables
                TenantPredicateGuard.selectsIn(s).forEach(each -> TenantPredicateGuard.tablesOf(each.$from()).stream()
                        .filter(t -> !(t instanceof QOM.TableAlias<?> alias && alias.$table() instanceof QOM.DerivedTable))
                        .forEach(t -> names.add(t.getName())));
            } else if (q instanceof QOM.Insert<?> i) {
                names.add(i.$into().getName());
            } else if (q instanceof QOM.Update<?> u) {
                names.add(u.$table().getName());
            } else if (q instanceof QOM.Delete<?> d) {
                names.add(d.$from().getName());
            } else {
                names.add("<unknown statement " + q + ">");
            }
        }
        return names;
    }

    public static Set<String> names(Table<?>... tables) {
        Set<String> names = new TreeSet<>();
        for (Table<?> t : tables) {
            names.add(t.getName());
        }
        return names;
    }
}
