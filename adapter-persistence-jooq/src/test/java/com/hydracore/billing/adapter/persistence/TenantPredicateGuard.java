package com.hydracore.billing.adapter.persistence;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Fails any statement that touches a tenant table without naming {@code account_id} where it restricts rows: the
 * proof that every query could run on a database distributed by account. Installed for the whole contract run.
 */
final class TenantPredicateGuard implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    static final Set<String> TENANT_TABLES = Set.of("subscription", "instance", "webhost_node", "usage_event",
            "usage_daily", "usage_daily_end_user");
    private static final Pattern TABLE = Pattern.compile("\"?(" + String.join("|", TENANT_TABLES) + ")\"?(\\s|$|\\()");

    @Override
    public void executeStart(ExecuteContext ctx) {
        String sql = ctx.sql();
        if (sql != null) {
            check(sql);
        }
    }

    static void check(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        Matcher m = TABLE.matcher(lower);
        if (!m.find()) {
            return;
        }
        boolean ok;
        if (lower.startsWith("insert") || lower.startsWith("merge")) {
            // An insert names account_id among its columns; its ON CONFLICT target is the account-first key.
            ok = lower.contains("account_id");
        } else {
            int where = lower.indexOf(" where ");
            ok = where >= 0 && lower.substring(where).contains("account_id");
        }
        if (!ok) {
            throw new AssertionError("statement on tenant table " + m.group(1) + " without an account_id predicate: "
                    + sql);
        }
    }
}
