package com.hydracore.billing.adapter.persistence.sql;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;

import com.hydracore.billing.adapter.persistence.generated.DefaultSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.QOM;

/**
 * Fails any statement that touches a tenant table without restricting it to one account: the proof that every
 * statement the adapter issues could run on a database distributed by {@code account_id}. It reads jOOQ's query
 * object model, not the SQL text, so it judges the statement the adapter built, whatever each dialect renders
 * (H2 gets a MERGE where PostgreSQL gets INSERT … ON CONFLICT).
 *
 * <ul>
 *   <li>SELECT, UPDATE, DELETE: among the WHERE clause's top-level AND terms, {@code account_id = <value>} or
 *       {@code account_id IN (<values>)} for each tenant table read;</li>
 *   <li>INSERT: it sets {@code account_id}, and its ON CONFLICT target, if any, starts with it; the rows of an
 *       INSERT … SELECT come from a SELECT that itself passes these rules;</li>
 *   <li>anything else naming a tenant table (plain SQL, TRUNCATE, DDL): refused, since it cannot be checked.</li>
 * </ul>
 */
public final class TenantPredicateGuard implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    /** The tenancy column's name, taken from the generated code rather than written out. */
    public static final String ACCOUNT_ID = USAGE_EVENT.ACCOUNT_ID.getName();

    /** Tenant tables: every table of the schema with an account_id column. */
    public static final Set<String> TENANT_TABLES = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
            .filter(t -> t.field(ACCOUNT_ID) != null)
            .map(Table::getName)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.configuration().data(CrossTenant.KEY) != null) {
            return; // a deliberate read of every account, marked with its reason (see CrossTenant)
        }
        List<String> problems = new ArrayList<>();
        if (ctx.query() != null) {
            problems.addAll(problems(ctx.query()));
        } else if (ctx.batchQueries().length > 0) {
            for (Query query : ctx.batchQueries()) {
                problems.addAll(problems(query));
            }
        } else {
            problems.addAll(problemsOfText(ctx.sql()));
        }
        if (!problems.isEmpty()) {
            throw new TenancyViolation(String.join("; ", problems) + ": " + ctx.sql());
        }
    }

    /** What is wrong with {@code query} from the tenancy point of view; empty when nothing is. */
    public static List<String> problems(Query query) {
        List<String> problems = new ArrayList<>();
        if (query instanceof Select<?> select) {
            List<Select<?>> selects = selectsIn(select);
            for (Select<?> each : selects) {
                for (Table<?> table : tablesOf(each.$from())) {
                    if (isTenant(table) && !restrictsAccount(each.$where(), table)) {
                        problems.add("SELECT from " + table.getName() + " without an account_id predicate");
                    }
                }
            }
            // a SELECT nested anywhere else (IN, EXISTS, a join) was not seen above, so it cannot be vouched for
            int rendered = select.getSQL().toLowerCase(Locale.ROOT).split("\\bselect\\b", -1).length - 1;
            if (rendered > selects.size()) {
                problems.add("a nested SELECT the guard cannot check");
            }
        } else if (query instanceof QOM.Insert<?> insert) {
            Table<?> table = insert.$into();
            if (isTenant(table)) {
                if (insert.$select() != null) {
                    // Rows supplied by a SELECT (e.g. unnest of bound arrays) are judged like the SELECT itself:
                    // it may read a tenant table only with an account_id predicate.
                    problems.addAll(problems(insert.$select()));
                }
                if (insert.$columns().stream().noneMatch(TenantPredicateGuard::isAccountColumn)) {
                    problems.add("INSERT into " + table.getName() + " without account_id");
                }
                if (!insert.$onConflict().isEmpty() && !isAccountColumn(insert.$onConflict().get(0))) {
                    problems.add("ON CONFLICT target of " + table.getName() + " does not start with account_id");
                }
            }
        } else if (query instanceof QOM.Update<?> update) {
            if (isTenant(update.$table()) && !restrictsAccount(update.$where(), update.$table())) {
                problems.add("UPDATE of " + update.$table().getName() + " without an account_id predicate");
            }
        } else if (query instanceof QOM.Delete<?> delete) {
            if (isTenant(delete.$from()) && !restrictsAccount(delete.$where(), delete.$from())) {
                problems.add("DELETE from " + delete.$from().getName() + " without an account_id predicate");
            }
        } else {
            problems.addAll(problemsOfText(query.getSQL()));
        }
        return problems;
    }

    /**
     * {@code select} and every SELECT nested in it as a derived table of its FROM, a scalar subquery of its select
     * list or an [NOT] EXISTS among the AND terms of its WHERE, at any depth: each must pin account_id on the tenant
     * tables it reads.
     */
    public static List<Select<?>> selectsIn(Select<?> select) {
        List<Select<?>> all = new ArrayList<>();
        all.add(select);
        for (Select<?> branch : unionBranches(select)) {
            all.addAll(selectsIn(branch));
        }
        for (Table<?> table : tablesOf(select.$from())) {
            Table<?> unaliased = table instanceof QOM.TableAlias<?> alias ? alias.$table() : table;
            if (unaliased instanceof QOM.DerivedTable<?> derived) {
                all.addAll(selectsIn(derived.$arg1()));
            }
        }
        for (SelectFieldOrAsterisk field : select.$select()) {
            Object unaliased = field instanceof QOM.FieldAlias<?> alias ? alias.$field() : field;
            if (unaliased instanceof QOM.ScalarSubquery<?> subquery) {
                all.addAll(selectsIn(subquery.$arg1()));
            }
        }
        for (Condition term : conjuncts(select.$where())) {
            Condition positive = term instanceof QOM.Not not ? not.$arg1() : term;
            if (positive instanceof QOM.Exists exists) {
                all.addAll(selectsIn(exists.$query()));
            }
        }
        return all;
    }

    /**
     * The SELECTs combined with {@code select} by UNION [ALL] (the page's breakdown, {@code PageReads}), each judged like
     * {@code select}. jOOQ 3.19's query model does not show them, so they are read from its query object (a field of
     * its own, {@code union}); should a jOOQ upgrade rename it, this fails loudly rather than let a branch go unchecked.
     */
    private static List<Select<?>> unionBranches(Select<?> select) {
        Object query = select instanceof org.jooq.SelectFinalStep<?> step ? step.getQuery() : select;
        if (!query.getClass().getName().equals("org.jooq.impl.SelectQueryImpl")) {
            return List.of();
        }
        try {
            java.lang.reflect.Field union = query.getClass().getDeclaredField("union");
            union.setAccessible(true);
            List<Select<?>> branches = new ArrayList<>();
            for (Object combined : (List<?>) union.get(query)) {
                for (Object branch : (List<?>) combined) {
                    branches.add((Select<?>) branch);
                }
            }
            return branches;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the UNION branches of a jOOQ select", e);
        }
    }

    /**
     * The tables of a FROM clause, each side of a join taken as a table of its own: a tenant table joined to another
     * must be pinned by the WHERE clause like one listed alone, and a derived table joined is judged like one listed.
     */
    static List<Table<?>> tablesOf(List<? extends Table<?>> from) {
        List<Table<?>> tables = new ArrayList<>();
        for (Table<?> table : from) {
            if (table instanceof QOM.JoinTable<?, ?> join) {
                tables.addAll(tablesOf(List.of(join.$table1(), join.$table2())));
            } else {
                tables.add(table);
            }
        }
        return tables;
    }

    /** A statement known only as text may not touch a tenant table at all: nothing could check it. */
    private static List<String> problemsOfText(String sql) {
        if (sql == null) {
            return List.of();
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        return TENANT_TABLES.stream()
                .filter(t -> lower.matches("(?s).*\\b" + t + "\\b.*"))
                .sorted()
                .map(t -> "unverifiable statement on tenant table " + t)
                .toList();
    }

    private static boolean isTenant(Table<?> table) {
        return TENANT_TABLES.contains(table.getName());
    }

    private static boolean isAccountColumn(Field<?> field) {
        return ACCOUNT_ID.equals(field.getName());
    }

    /** Whether one of the top-level AND terms of {@code where} pins {@code table}'s account_id to values. */
    private static boolean restrictsAccount(Condition where, Table<?> table) {
        return conjuncts(where).stream().anyMatch(term -> pinsAccount(term, table));
    }

    private static List<Condition> conjuncts(Condition condition) {
        List<Condition> terms = new ArrayList<>();
        if (condition instanceof QOM.And and) {
            terms.addAll(conjuncts(and.$arg1()));
            terms.addAll(conjuncts(and.$arg2()));
        } else if (condition != null) {
            terms.add(condition);
        }
        return terms;
    }

    private static boolean pinsAccount(Condition term, Table<?> table) {
        if (term instanceof QOM.Eq<?> eq) {
            return isAccountOf(eq.$arg1(), table) && isValue(eq.$arg2())
                    || isAccountOf(eq.$arg2(), table) && isValue(eq.$arg1());
        }
        if (term instanceof QOM.InList<?> in) {
            return isAccountOf(in.$field(), table) && !in.$list().isEmpty() && in.$list().stream()
                    .allMatch(TenantPredicateGuard::isValue);
        }
        return false;
    }

    private static boolean isAccountOf(Field<?> field, Table<?> table) {
        return field instanceof TableField<?, ?> column && isAccountColumn(column)
                && column.getTable() != null && column.getTable().getName().equals(table.getName());
    }

    /** A bind value or inline literal: {@code account_id = account_id} restricts nothing. */
    private static boolean isValue(Field<?> field) {
        return field instanceof Param<?>;
    }

    /** A statement that would not run on a database distributed by account. */
    public static final class TenancyViolation extends AssertionError {
        private static final long serialVersionUID = 1L;

        TenancyViolation(String message) {
            super(message);
        }
    }
}
