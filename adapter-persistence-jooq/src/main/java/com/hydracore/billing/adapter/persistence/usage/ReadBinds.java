package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import java.time.LocalDate;

/** The named values of the usage reads, typed like the columns they meet. */
final class ReadBinds {

    /** The account read: {@code account_id = :account} in every statement. */
    static final Binds.Name<String> ACCOUNT = Binds.Name.of("account", USAGE_DAILY.ACCOUNT_ID);
    /** An instance: {@code instance_id = :instance}. */
    static final Binds.Name<String> INSTANCE = Binds.Name.of("instance", USAGE_DAILY.INSTANCE_ID);
    /** A period's first UTC day. */
    static final Binds.Name<LocalDate> FIRST = Binds.Name.of("first", USAGE_DAILY.USAGE_DAY);
    /** A period's end: the UTC day after its last. */
    static final Binds.Name<LocalDate> END = Binds.Name.of("end", USAGE_DAILY.USAGE_DAY);
    /** A series' last UTC day, included. */
    static final Binds.Name<LocalDate> LAST = Binds.Name.of("last", USAGE_DAILY.USAGE_DAY);
    /** A period's first day as a last day is stored ({@code yyyymmdd}). */
    static final Binds.Name<Integer> FIRST_DAY = Binds.Name.of("first_day", USAGE_MONTH_END_USER.USAGE_MONTH);
    /** A period's end as a last day is stored ({@code yyyymmdd}). */
    static final Binds.Name<Integer> END_DAY = Binds.Name.of("end_day", USAGE_MONTH_END_USER.USAGE_MONTH);
    /** The first month a period touches ({@code yyyymm}). */
    static final Binds.Name<Integer> FIRST_MONTH = Binds.Name.of("first_month", USAGE_MONTH_END_USER.USAGE_MONTH);
    /** The last month a period touches ({@code yyyymm}). */
    static final Binds.Name<Integer> LAST_MONTH = Binds.Name.of("last_month", USAGE_MONTH_END_USER.USAGE_MONTH);

    private ReadBinds() {
    }

    /** The {@code i}-th month a period touches ({@code yyyymm}). */
    static Binds.Name<Integer> month(int i) {
        return Binds.Name.of("month_" + i, USAGE_MONTH_END_USER.USAGE_MONTH);
    }

    /** The days of the {@code i}-th month a period covers, as a mask of day bits. */
    static Binds.Name<Long> mask(int i) {
        return Binds.Name.of("mask_" + i, USAGE_MONTH_END_USER.DAY_BITS);
    }
}
