package com.hydracore.billing.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads rendered once: later calls bind their own values into the kept SQL, and misordered binds are refused. */
class RenderedReadsTest {

    private static final Table<Record> ROWS = DSL.table(DSL.name("rows"));
    private static final Field<String> OWNER = DSL.field(DSL.name("owner"), SQLDataType.VARCHAR(16));
    private static final Field<Integer> SIZE = DSL.field(DSL.name("size"), SQLDataType.INTEGER);

    private Connection connection;
    private DSLContext dsl;
    private RenderedReads reads;
    private final AtomicInteger built = new AtomicInteger();

    @BeforeEach
    void createRows() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:rendered-reads-" + System.nanoTime());
        dsl = DSL.using(connection, SQLDialect.H2);
        dsl.createTable(ROWS).columns(OWNER, SIZE).execute();
        dsl.insertInto(ROWS, OWNER, SIZE).values("acme", 1).values("acme", 5).values("globex", 7).execute();
        reads = new RenderedReads(dsl);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private List<Integer> sizesAbove(String owner, int above) {
        return reads.fetch("sizes", () -> {
            built.incrementAndGet();
            return dsl.select(SIZE).from(ROWS).where(OWNER.eq(owner), SIZE.gt(above)).orderBy(SIZE);
        }, owner, above).stream().map(r -> r.get(0, Integer.class)).toList();
    }

    @Test
    void laterCallsRunTheKeptSqlWithTheirOwnValues() {
        assertEquals(List.of(1, 5), sizesAbove("acme", 0));
        assertEquals(List.of(5), sizesAbove("acme", 2));
        assertEquals(List.of(7), sizesAbove("globex", 0));
        assertEquals(List.of(), sizesAbove("initech", 0));
        assertEquals(1, built.get(), "the query is built and rendered once");
    }

    @Test
    void laterCallsReadValuesWithTheQuerysTypesAndNulls() {
        List<Object> sums = new java.util.ArrayList<>();
        for (String owner : List.of("acme", "globex", "initech")) {
            Record row = reads.fetch("sum", () -> dsl.select(DSL.sum(SIZE), DSL.count()).from(ROWS)
                    .where(OWNER.eq(owner)), owner).get(0);
            sums.add(row.get(0));
            sums.add(row.get(1));
        }
        assertEquals(java.util.Arrays.asList(new java.math.BigDecimal("6"), 2, new java.math.BigDecimal("7"), 1,
                null, 0), sums);
    }

    @Test
    void bindValuesOutOfTheQuerysOrderAreRefusedOnFirstUse() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reads.fetch("swapped",
                () -> dsl.select(SIZE).from(ROWS).where(OWNER.eq("acme"), SIZE.gt(2)), 2, "acme"));
        assertEquals(true, refused.getMessage().startsWith("bind values [2, acme] are not the query's [acme, 2]"),
                refused.getMessage());
    }
}
