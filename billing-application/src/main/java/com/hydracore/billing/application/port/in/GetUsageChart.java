package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.period.ZonedDays;
import com.hydracore.billing.domain.usage.DailySeries;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** "How did my usage go, day by day?" */
public interface GetUsageChart {

    /** Days shown when the caller does not say. */
    int DEFAULT_DAYS = 30;

    /**
     * The daily series for the query.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException when the instance is not the account's
     */
    Chart chart(ChartQuery query);

    /**
     * What to chart.
     *
     * @param accountId  the caller's account
     * @param days       1 to 365 days ending today (as {@code zone} sees it)
     * @param instanceId one instance of the account, or empty for all
     * @param model      only this model's events (a model without usage gives zeros), or empty for all
     * @param zone       the time zone whose days the points are ({@link ZonedDays#UTC} by default)
     */
    record ChartQuery(String accountId, int days, Optional<String> instanceId, Optional<String> model, ZoneId zone) {

        /** Refuses a day count outside 1–365 ({@link InvalidInputException} at {@code days}). */
        public ChartQuery {
            Checks checks = new Checks();
            checks.range("days", days, 1, DailySeries.MAX_DAYS);
            checks.throwIfAny();
            instanceId = instanceId == null ? Optional.empty() : instanceId;
            model = model == null ? Optional.empty() : model;
            zone = zone == null ? ZonedDays.UTC : zone;
        }

        /** A chart of all models, in UTC days. */
        public ChartQuery(String accountId, int days, Optional<String> instanceId) {
            this(accountId, days, instanceId, Optional.empty(), ZonedDays.UTC);
        }
    }

    /**
     * The answer.
     *
     * @param periodLabel "Last N days"
     * @param points      one per day of the query's zone, ascending, zero-filled
     */
    record Chart(String periodLabel, List<DailyUsage> points) {
    }
}
