package com.hydracore.billing.domain.usage;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * The usage of one local day of a zone, of one group when grouped (an instance, or a model): a row of the export, and
 * behind a point of the chart.
 *
 * @param date     the local date
 * @param key      the instance or model of the group, {@code null} ungrouped or for events without a model
 * @param measures what was used
 */
public record DayUsage(LocalDate date, String key, UsageMeasures measures) {

    /** The export's order: by date, then by key ascending, {@code null} last. */
    public static final Comparator<DayUsage> ORDER = Comparator.comparing(DayUsage::date)
            .thenComparing(DayUsage::key, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Requires a date and the measures. */
    public DayUsage {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(measures, "measures");
    }

    /** A chart point: the day's tokens, requests and cost. */
    public DailyUsage toDaily() {
        return new DailyUsage(date, measures.tokens(), measures.requests(), measures.cost());
    }
}
