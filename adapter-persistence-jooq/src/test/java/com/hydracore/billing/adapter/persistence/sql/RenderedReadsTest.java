package com.hydracore.billing.adapter.persistence.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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

/** Reads rendered once: later calls bind their own values, by name, into the kept SQL; unnamed ones are refused. */
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

    private static final Binds.Name<String> OWNER_IS = Binds.Name.of("owner", OWNER);
    private static final Binds.Name<Integer> ABOVE = Binds.Name.of("above", SIZE);
    private static final Field<BigDecimal> TOTAL = DSL.field(DSL.name("total"), BigDecimal.class);
    private static final Field<Integer> ROW_COUNT = DSL.field(DSL.name("row_count"), Integer.class);

    private List<Integer> sizesAbove(String owner, int above) {
        return reads.fetch("sizes", () -> {
            built.incrementAndGet();
            return dsl.select(SIZE).from(ROWS).where(OWNER.eq(Binds.param(OWNER_IS)), SIZE.gt(Binds.param(ABOVE)))
                    .orderBy(SIZE);
        }, new Binds().with(ABOVE, above).with(OWNER_IS, owner)).stream().map(r -> r.get(SIZE)).toList();
    }

    @Test
    void laterCallsRunTheKeptSqlWithTheirOwnValuesByName() {
        assertEquals(List.of(1, 5), sizesAbove("acme", 0));
        assertEquals(List.of(5), sizesAbove("acme", 2));
        assertEquals(List.of(7), sizesAbove("globex", 0));
        assertEquals(List.of(), sizesAbove("initech", 0));
        assertEquals(1, built.get(), "the query is built and rendered once");
    }

    @Test
    void aValueUsedTwiceIsGivenOnce() {
        for (String owner : List.of("acme", "globex")) {
            List<Record> rows = reads.fetch("twice", () -> dsl.select(SIZE).from(ROWS)
                    .where(OWNER.eq(Binds.param(OWNER_IS)), OWNER.eq(Binds.param(OWNER_IS))),
                    new Binds().with(OWNER_IS, owner));
            assertEquals(owner.equals("acme") ? 2 : 1, rows.size(), owner);
        }
    }

    @Test
    void laterCallsReadValuesByFieldWithTheQuerysTypesAndNulls() {
        List<Object> sums = new java.util.ArrayList<>();
        for (String owner : List.of("acme", "globex", "initech")) {
            Record row = reads.fetch("sum", () -> dsl.select(DSL.sum(SIZE).as(TOTAL), DSL.count().as(ROW_COUNT))
                    .from(ROWS).where(OWNER.eq(Binds.param(OWNER_IS))), new Binds().with(OWNER_IS, owner)).get(0);
            sums.add(row.get(TOTAL));
            sums.add(row.get(ROW_COUNT));
        }
        assertEquals(java.util.Arrays.asList(new BigDecimal("6"), 2, new BigDecimal("7"), 1, null, 0), sums);
    }

    @Test
    void aValueThatIsNotANamedParameterIsRefusedOnFirstUse() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reads.fetch("unnamed",
                () -> dsl.select(SIZE).from(ROWS).where(OWNER.eq(Binds.param(OWNER_IS)), SIZE.gt(2)),
                new Binds().with(OWNER_IS, "acme")));
        assertTrue(refused.getMessage().startsWith("every value of a rendered read must be a named parameter"),
                refused.getMessage());
    }

    @Test
    void aNamedParameterWithoutAValueIsRefusedOnFirstUse() {
        assertThrows(IllegalArgumentException.class, () -> reads.fetch("missing",
                () -> dsl.select(SIZE).from(ROWS).where(OWNER.eq(Binds.param(OWNER_IS)), SIZE.gt(Binds.param(ABOVE))),
                new Binds().with(OWNER_IS, "acme")));
    }
}
