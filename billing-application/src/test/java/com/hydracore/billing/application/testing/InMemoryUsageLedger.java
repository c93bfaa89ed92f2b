package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link UsageLedger} in memory, summing raw events with the domain's reference aggregation. */
public final class InMemoryUsageLedger implements UsageLedger {

    private final Map<String, Map<String, UsageEvent>> eventsByAccount = new HashMap<>();

    @Override
    public synchronized AppendResult append(List<UsageEvent> events) {
        Map<String, Map<String, UsageEvent>> fresh = new HashMap<>();
        int duplicates = 0;
        for (UsageEvent e : events) {
            boolean stored = eventsByAccount.getOrDefault(e.accountId(), Map.of()).containsKey(e.eventId());
            Map<String, UsageEvent> batch = fresh.computeIfAbsent(e.accountId(), a -> new LinkedHashMap<>());
            if (stored || batch.containsKey(e.eventId())) {
                duplicates++;
            } else {
                batch.put(e.eventId(), e);
            }
        }
        fresh.forEach((account, batch) ->
                eventsByAccount.computeIfAbsent(account, a -> new LinkedHashMap<>()).putAll(batch));
        return new AppendResult(events.size() - duplicates, duplicates);
    }

    @Override
    public synchronized UsageTotals totals(String accountId, BillingPeriod period) {
        return UsageAggregation.totals(events(accountId), period);
    }

    @Override
    public synchronized List<InstanceUsage> byInstance(String accountId, BillingPeriod period) {
        return UsageAggregation.byInstance(events(accountId), period);
    }

    @Override
    public synchronized List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay,
                                               Optional<String> instanceId) {
        return UsageAggregation.daily(events(accountId), firstDay, lastDay, instanceId.orElse(null));
    }

    private List<UsageEvent> events(String accountId) {
        return new ArrayList<>(eventsByAccount.getOrDefault(accountId, Map.of()).values());
    }
}
