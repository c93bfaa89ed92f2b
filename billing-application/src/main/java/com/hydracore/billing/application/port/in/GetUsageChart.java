package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.usage.DailySeries;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
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
     * @param days       1 to 365 days ending today (UTC)
     * @param instanceId one instance of the account, or empty for all
     */
    record ChartQuery(String accountId, int days, Optional<String> instanceId) {

        /** Refuses a day count outside 1–365 ({@link InvalidInputException} at {@code days}). */
        public ChartQuery {
            Checks checks = new Checks();
            checks.range("days", days, 1, DailySeries.MAX_DAYS);
            checks.throwIfAny();
            instanceId = instanceId == null ? Optional.empty() : instanceId;
        }
    }

    /**
     * The answer.
     *
     * @param periodLabel "Last N days"
     * @param points      one per UTC day, ascending, zero-filled
     */
    record Chart(String periodLabel, List<DailyUsage> points) {
    }
}
