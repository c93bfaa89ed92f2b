package com.hydracore.billing.adapter.persistence.database;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool that an H2 connection is gone. Hikari recognises a dead connection by an SQL state starting with
 * {@code 08}; H2 reports a closed session with its own codes instead, and the pool would otherwise hand the dead
 * connection to the next request.
 */
final class H2ConnectionLoss implements SQLExceptionOverride {

    private static final Set<Integer> CONNECTION_GONE = Set.of(
            90007, // the object is already closed
            90067, // connection is broken
            90098, // the database has been closed
            90121); // database is already closed (e.g. by SHUTDOWN)

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return CONNECTION_GONE.contains(e.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
