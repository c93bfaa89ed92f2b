package com.hydracore.billing.adapter.persistence.sql;

import java.util.Optional;
import org.jooq.SQLDialect;

/** The database products this adapter runs on, recognised by their JDBC URL prefix. */
public enum Engine {
    POSTGRES("jdbc:postgresql:", "PostgreSQL", SQLDialect.POSTGRES),
    H2("jdbc:h2:", "H2", SQLDialect.H2);

    private final String urlPrefix;
    private final String displayName;
    private final SQLDialect dialect;

    Engine(String urlPrefix, String displayName, SQLDialect dialect) {
        this.urlPrefix = urlPrefix;
        this.displayName = displayName;
        this.dialect = dialect;
    }

    /** The engine this URL names, if it is one this adapter supports. */
    public static Optional<Engine> of(String jdbcUrl) {
        for (Engine engine : values()) {
            if (jdbcUrl.regionMatches(true, 0, engine.urlPrefix, 0, engine.urlPrefix.length())) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    /** How people call it: {@code PostgreSQL}, {@code H2}. */
    public String displayName() {
        return displayName;
    }

    /** The dialect jOOQ renders for it. */
    public SQLDialect dialect() {
        return dialect;
    }
}
