package com.hydracore.billing.adapter.persistence.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the migrations see it: its connections without pgjdbc's socket timeout
 * ({@link BillingDatabase#STATEMENT_SOCKET_TIMEOUT}), because one migration statement may rewrite a whole table and
 * send nothing back for minutes. The pool restores the timeout when a connection comes back to it.
 */
final class WithoutSocketTimeout implements DataSource {

    private final DataSource pool;

    WithoutSocketTimeout(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return lifted(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return lifted(pool.getConnection(username, password));
    }

    private static Connection lifted(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, 0); // pgjdbc sets its socket's timeout; no executor needed
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
