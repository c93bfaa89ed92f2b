package com.hydracore.billing.adapter.persistence.sql;

import com.hydracore.billing.application.error.StoreUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * The one place where failing to reach the database becomes the application's {@link StoreUnavailableException}.
 * Every port the database hands out is {@linkplain #guard guarded} here, at its boundary, because the
 * database is reached by several paths that no single jOOQ hook sees: statements jOOQ executes, the connection a
 * transaction borrows and its commit, the page reads {@link RenderedReads} runs over plain JDBC, and the pool's
 * refusal to lend a connection within the request wait. Whatever the path, the failure arrives here with the
 * driver's or the pool's exception in its cause chain, and is judged by that alone.
 */
public final class StoreOutages {

    /**
     * SQL states outside class 08 (connection exception) that also mean the connection, not the statement, failed.
     */
    private static final Set<String> CONNECTION_GONE = Set.of(
            "57P01", // PostgreSQL admin_shutdown: the session was ended (server stopping, pg_terminate_backend)
            "57P02", // PostgreSQL crash_shutdown
            "57P03", // PostgreSQL cannot_connect_now: the server is starting up or shutting down
            "90007", // H2: the object is already closed: its connection was (as H2ConnectionLoss judges it too)
            "90067", // H2: the connection is broken
            "90098", // H2: the database has been closed
            "90121"); // H2: the database is already closed (e.g. by SHUTDOWN)

    private final String database;

    /** Guards ports of {@code database} (a description without credentials, for the exceptions' messages). */
    public StoreOutages(String database) {
        this.database = database;
    }

    /**
     * {@code implementation} behind its port interface, throwing {@link StoreUnavailableException} (with the original
     * failure as its cause) where the call failed to reach the database; any other failure passes unchanged.
     */
    public <T> T guard(Class<T> port, T implementation) {
        Object guarded = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(implementation, args);
                    } catch (InvocationTargetException e) {
                        throw translate(e.getCause());
                    }
                });
        return port.cast(guarded);
    }

    /** {@code failure} itself, or a {@link StoreUnavailableException} around it when it is an outage. */
    public Throwable translate(Throwable failure) {
        if (failure instanceof StoreUnavailableException || !isOutage(failure)) {
            return failure;
        }
        return new StoreUnavailableException("cannot reach " + database + ": " + rootMessage(failure),
                failure);
    }

    /**
     * Whether the cause chain says the database could not be reached, rather than that a statement was refused: the
     * pool lent no connection within the wait (Hikari's {@link SQLTransientConnectionException}, whatever state the
     * last connection attempt left on it), a connection exception ({@link SQLNonTransientConnectionException}, or
     * SQL state class 08, which pgjdbc also gives I/O errors and socket timeouts on a connection in use), or a
     * session the server ended. A plain {@link java.io.IOException} is not judged an outage: it may be the HTTP
     * client's, and pgjdbc reports its own as 08006.
     */
    public static boolean isOutage(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 64; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || CONNECTION_GONE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message, first line only, so the operator sees why, in one line. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage().strip();
        return message.lines().findFirst().orElse(message);
    }
}
