package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctDimension;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctTables;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a batch of newly stored events adds to the rollups, summed in memory so that each row is written once per
 * append: the sums of each row of each sums table, and for each distinct scope the days each id was seen, as one bit
 * per day of its month row. Every map iterates in key order, the order rows are written in. Pure Java: no database.
 *
 * <p>Rows are summed in hash maps and put in key order once, at the end: a sorted map kept ordered through every
 * event (a thousand per batch, each adding to nine rows) spent more on its comparisons than on the sums.
 */
final class BatchRollup {

    private final Map<SumsTable, Map<SumsKey, Sums>> sums = new IdentityHashMap<>();
    private final Map<DistinctTables, Map<MonthRowKey, Long>> days = new IdentityHashMap<>();

    private BatchRollup() {
        UsageTables.SUMS.forEach(table -> sums.put(table, new HashMap<>()));
        UsageTables.DISTINCT.forEach(dimension -> dimension.scopes().forEach(scope -> days.put(scope, new HashMap<>())));
    }

    /**
     * The rollup of {@code inserted}: events just stored, each once. The keys' names (accounts, instances, models,
     * ids) are made one object per distinct value first: every event decoded its own copies, and ordering the rows
     * then compared equal names character by character, most of the sort's time; the same object compares at once
     * ({@link UsageKeys#compare}).
     */
    static BatchRollup of(List<UsageEvent> inserted) {
        BatchRollup rollup = new BatchRollup();
        Map<String, String> names = new HashMap<>();
        UnaryOperator<String> canonical = name -> {
            if (name == null) {
                return null;
            }
            String first = names.putIfAbsent(name, name);
            return first == null ? name : first;
        };
        for (UsageEvent e : inserted) {
            String account = canonical.apply(e.accountId());
            String instance = canonical.apply(e.instanceId());
            String model = canonical.apply(e.model());
            rollup.sums.forEach((table, rows) -> table.keysOf(e, account, instance, model)
                    .forEach(key -> rows.computeIfAbsent(key, k -> new Sums()).add(e)));
            for (DistinctDimension dimension : UsageTables.DISTINCT) {
                String id = canonical.apply(dimension.idOf().apply(e));
                if (id != null) {
                    LocalDate day = e.utcDay();
                    long bit = MonthDays.bitOf(day);
                    for (DistinctTables scope : dimension.scopes()) {
                        rollup.days.get(scope).merge(new MonthRowKey(scope.months().table().getName(), account,
                                MonthDays.monthOf(day), scope.perInstance() ? instance : null, id), bit,
                                (a, b) -> a | b);
                    }
                }
            }
        }
        rollup.sums.replaceAll((table, rows) -> inKeyOrder(rows));
        rollup.days.replaceAll((scope, rows) -> inKeyOrder(rows));
        return rollup;
    }

    /** {@code rows} iterating in key order. */
    private static <K extends Comparable<K>, V> Map<K, V> inKeyOrder(Map<K, V> rows) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(rows.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        Map<K, V> ordered = new LinkedHashMap<>(entries.size() * 2);
        entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** What the batch adds to each row of {@code table}, in key order. */
    Map<SumsKey, Sums> sums(SumsTable table) {
        return sums.get(table);
    }

    /** The days the batch saw each id on, per month row of {@code scope}, in key order. */
    Map<MonthRowKey, Long> days(DistinctTables scope) {
        return days.get(scope);
    }

    /** {@code rows} split by account, the accounts and each part still in key order. */
    static <K, V> SortedMap<String, SortedMap<K, V>> byAccount(Map<K, V> rows, Function<K, String> account) {
        SortedMap<String, SortedMap<K, V>> byAccount = new TreeMap<>();
        rows.forEach((k, v) -> byAccount.computeIfAbsent(account.apply(k), a -> new TreeMap<>()).put(k, v));
        return byAccount;
    }
}
