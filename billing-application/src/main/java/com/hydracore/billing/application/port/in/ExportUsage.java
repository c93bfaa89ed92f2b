package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;

/** "Give me my usage, day by day, to put in a spreadsheet": the export, the same numbers as the chart. */
public interface ExportUsage {

    /**
     * Hands {@code rows} the export's rows in order (by date, then key ascending, {@code null} last) as they are read:
     * with {@link UsageGrouping#DAY} one per date of the range, zero-filled; grouped, only the groups with usage that
     * day. Memory does not grow with the range.
     *
     * @param query what to export
     * @param rows  receives each row on the calling thread, before this returns
     */
    void export(ExportQuery query, Consumer<DayUsage> rows);

    /**
     * What to export.
     *
     * @param accountId the caller's account
     * @param days      the dates, at most 366 ({@link DayRange})
     * @param zone      the zone whose days they are
     * @param grouping  the rows' grouping
     */
    record ExportQuery(String accountId, DayRange days, ZoneId zone, UsageGrouping grouping) {

        /** Requires every part. */
        public ExportQuery {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(grouping, "grouping");
        }
    }
}
