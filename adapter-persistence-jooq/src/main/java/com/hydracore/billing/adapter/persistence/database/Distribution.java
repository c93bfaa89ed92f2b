package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.adapter.persistence.generated.Tables.TIER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.sql.StoreOutages.rootMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema spread over a Citus cluster, after the migrations: every tenant table (a table with an
 * {@code account_id} column) distributed by {@code account_id}, all in one colocation group, so one account's rows
 * of every table are on the same worker; the catalog, {@code tier}, a reference table, copied to every worker. Other
 * tables without an account (Flyway's history, the webhook outbox) stay plain tables on the coordinator: the outbox
 * is claimed with {@code FOR UPDATE SKIP LOCKED} and updated at every attempt, which on a reference table would be a
 * write to every node; a new table without an account stays there too unless added to {@link #REFERENCE_TABLES}
 * (whether the webhook tables run on Citus as they are was not verified on a cluster). Applied only when
 * the {@code citus} extension is installed in the database; on plain PostgreSQL and on H2 it reads that it is not and
 * does nothing.
 *
 * <p>It is code rather than a migration because jOOQ's code generation and H2 replay every script of
 * {@code db/migration}, and neither knows Citus. It derives the tables from the schema, so a later migration's new
 * tenant table is distributed on the next start, colocated with the others; tables already distributed are left
 * alone, so a second start does nothing. Replicas starting together take turns under an advisory lock.
 */
final class Distribution {

    /** The tenancy column, the distribution column of every tenant table. */
    static final String ACCOUNT_ID = USAGE_EVENT.ACCOUNT_ID.getName();

    /** The tables without an account copied to every worker: the catalog, read on every page, written by admins. */
    static final Set<String> REFERENCE_TABLES = Set.of(TIER.getName());

    private static final Logger LOG = LoggerFactory.getLogger(Distribution.class);

    /** Flyway's own table: it stays a plain table on the coordinator, where Flyway reads and locks it. */
    private static final String FLYWAY_HISTORY = Flyway.configure().getTable();

    /** Key of the advisory lock replicas distribute under ("citus" in ASCII), held for the session. */
    private static final long LOCK_KEY = 0x6369747573L;

    private Distribution() {
    }

    /**
     * Distributes what is not distributed yet, when the database is a Citus coordinator.
     *
     * @param database which database, without credentials, for the log and the failure's message
     * @return what was found and done
     * @throws DatabaseUnavailableException when Citus is there and a table cannot be distributed
     */
    static Result apply(String database, DataSource connections) {
        try (Connection c = connections.getConnection()) {
            return apply(database, c);
        } catch (SQLException e) {
            throw failure(database, e);
        }
    }

    /** Like {@link #apply(String, DataSource)}, on one connection. */
    static Result apply(String database, Connection c) {
        try {
            if (!hasCitus(c)) {
                return Result.NO_CITUS;
            }
            run(c, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                Plan plan = plan(schemaOf(c), distributedTables(c));
                if (!plan.statements().isEmpty() && !plan.leftOnCoordinator().isEmpty()) {
                    LOG.info("Leaving {} on the coordinator of {}", plan.leftOnCoordinator(), database);
                }
                for (String statement : plan.statements()) {
                    LOG.info("Distributing the schema of {}: {}", database, statement);
                    run(c, statement);
                }
                return new Result(true, plan.statements());
            } finally {
                run(c, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        } catch (SQLException e) {
            throw failure(database, e);
        }
    }

    private static DatabaseUnavailableException failure(String database, SQLException e) {
        return new DatabaseUnavailableException("cannot distribute the schema of " + database + " on Citus: "
                + rootMessage(e), e);
    }

    /** Whether {@code c} is a PostgreSQL database with the {@code citus} extension installed. */
    static boolean hasCitus(Connection c) throws SQLException {
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    /** The tables of the connection's current schema (PostgreSQL), split by whether they have an account_id. */
    static Schema schemaOf(Connection c) throws SQLException {
        SortedSet<String> tenant = new TreeSet<>();
        SortedSet<String> global = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.relname, EXISTS (SELECT 1 FROM pg_attribute a
                                          WHERE a.attrelid = t.oid AND a.attname = ? AND NOT a.attisdropped)
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p') AND NOT t.relispartition""")) {
            s.setString(1, ACCOUNT_ID);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    (r.getBoolean(2) ? tenant : global).add(r.getString(1));
                }
            }
        }
        global.remove(FLYWAY_HISTORY);
        return new Schema(tenant, global);
    }

    /** The tables of the current schema Citus already distributes or replicates (in {@code pg_dist_partition}). */
    private static Set<String> distributedTables(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("""
                SELECT t.relname FROM pg_dist_partition p
                JOIN pg_class t ON t.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema()""")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    /**
     * What to run for {@code schema} when {@code distributed} already are. The tenant tables are colocated with the
     * first of them (by name) that is distributed, or else with the first of them, which starts a colocation group of
     * its own; so a table added later joins the group the others are in, whatever its name.
     */
    static Plan plan(Schema schema, Set<String> distributed) {
        List<String> statements = new ArrayList<>();
        String anchor = schema.tenant().stream().filter(distributed::contains).findFirst()
                .orElse(schema.tenant().isEmpty() ? null : schema.tenant().first());
        if (anchor != null && !distributed.contains(anchor)) {
            statements.add("SELECT create_distributed_table(" + regclass(anchor) + ", '" + ACCOUNT_ID
                    + "', colocate_with => 'none')");
        }
        for (String table : schema.tenant()) {
            if (!table.equals(anchor) && !distributed.contains(table)) {
                statements.add("SELECT create_distributed_table(" + regclass(table) + ", '" + ACCOUNT_ID
                        + "', colocate_with => " + regclass(anchor) + ")");
            }
        }
        List<String> left = new ArrayList<>();
        for (String table : schema.global()) {
            if (!REFERENCE_TABLES.contains(table)) {
                left.add(table);
            } else if (!distributed.contains(table)) {
                statements.add("SELECT create_reference_table(" + regclass(table) + ")");
            }
        }
        return new Plan(List.copyOf(statements), List.copyOf(left));
    }

    /** A table's name as a string literal naming it exactly (quoted identifier), for the Citus functions. */
    private static String regclass(String table) {
        return "'\"" + table.replace("\"", "\"\"").replace("'", "''") + "\"'";
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * The tables of a schema, by role.
     *
     * @param tenant tables with an account_id column, to distribute by it
     * @param global every other table but Flyway's history: reference tables, or left on the coordinator
     */
    record Schema(SortedSet<String> tenant, SortedSet<String> global) {

        Schema {
            tenant = new TreeSet<>(tenant);
            global = new TreeSet<>(global);
        }
    }

    /**
     * @param statements        what distributes the tables not distributed yet, in order; empty when there are none
     * @param leftOnCoordinator the tables without an account that are not reference tables, left as they are
     */
    record Plan(List<String> statements, List<String> leftOnCoordinator) {
    }

    /**
     * What opening found and did.
     *
     * @param citus      whether the database is a Citus coordinator
     * @param statements what was run to distribute tables (empty when everything already was, or without Citus)
     */
    record Result(boolean citus, List<String> statements) {

        static final Result NO_CITUS = new Result(false, List.of());
    }
}
