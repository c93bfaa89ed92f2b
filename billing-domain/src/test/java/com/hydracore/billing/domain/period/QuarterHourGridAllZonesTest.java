package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The proof behind {@link ZonedDays#GRID_EXACT_FROM}: for every zone of the JDK's database, every local day from 1970
 * to 2037 is checked one by one, and the years after through the zones' recurring rules. If a JDK update brings a zone
 * that breaks the rule, these tests say which, and the rule (or the earliest date accepted) must change with it.
 */
class QuarterHourGridAllZonesTest {

    private static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2037, 12, 31);
    /** The first instant of 1980-01-01 anywhere (UTC+14). */
    private static final Instant FROM_1980 = ZonedDays.GRID_EXACT_FROM.atStartOfDay(ZoneOffset.UTC)
            .toInstant().minusSeconds(14 * 3600);
    private static final Instant END = LocalDate.of(2038, 1, 2).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static List<ZoneId> allZones() {
        return new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().map(ZoneId::of).toList();
    }

    private static boolean onGrid(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), 900) == 0;
    }

    private static boolean onGrid(ZoneOffset offset) {
        return offset.getTotalSeconds() % 900 == 0;
    }

    /** Every transition of {@code rules} from {@code from} to {@link #END}, rule-generated ones included. */
    private static List<ZoneOffsetTransition> transitions(ZoneRules rules, Instant from) {
        List<ZoneOffsetTransition> all = new ArrayList<>();
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(END);
             t = rules.nextTransition(t.getInstant())) {
            all.add(t);
        }
        return all;
    }

    @Test
    void everyLocalDayOfEveryZoneStartsOnTheGridExceptMonroviaAndKiritimatiBefore1980() {
        Map<String, LocalDate> lastOffGrid = new TreeMap<>();
        int zones = 0;
        for (ZoneId zone : allZones()) {
            zones++;
            for (LocalDate date = FIRST; !date.isAfter(LAST); date = date.plusDays(1)) {
                if (!onGrid(LocalDay.of(date, zone).start())) {
                    lastOffGrid.put(zone.getId(), date);
                }
            }
        }

        assertTrue(zones > 500, "the JDK knows the world's zones: " + zones);
        assertEquals(Map.of("Africa/Monrovia", LocalDate.of(1972, 1, 7),
                "Pacific/Kiritimati", LocalDate.of(1979, 10, 1)), lastOffGrid);
        lastOffGrid.values().forEach(d -> assertTrue(d.isBefore(ZonedDays.GRID_EXACT_FROM)));
    }

    @Test
    void everyOffsetInForceSince1980IsAWholeNumberOfQuarterHours() {
        for (ZoneId zone : allZones()) {
            ZoneRules rules = zone.getRules();
            assertTrue(onGrid(rules.getOffset(FROM_1980)), zone::getId);
            for (ZoneOffsetTransition t : transitions(rules, FROM_1980)) {
                assertTrue(onGrid(t.getOffsetBefore()) && onGrid(t.getOffsetAfter()), () -> zone + " " + t);
            }
        }
    }

    @Test
    void theRecurringRulesOfEveryZoneKeepEveryLaterOffsetAndChangeOnTheGrid() {
        // After its last listed transition a zone follows its rules forever: if each rule changes at a quarter hour
        // of local time between offsets that are whole quarter hours, every later change and midnight is on the grid.
        for (ZoneId zone : allZones()) {
            for (ZoneOffsetTransitionRule rule : zone.getRules().getTransitionRules()) {
                assertTrue(onGrid(rule.getStandardOffset()) && onGrid(rule.getOffsetBefore())
                        && onGrid(rule.getOffsetAfter()), () -> zone + " " + rule);
                LocalTime time = rule.getLocalTime();
                assertTrue(time.getSecond() == 0 && time.getNano() == 0 && time.getMinute() % 15 == 0,
                        () -> zone + " " + rule);
            }
        }
    }

    @Test
    void changesOffTheGridSince1980AreAllAtOneMinutePastMidnightAndMoveNoDayBoundary() {
        Set<String> zonesWithOffGridChanges = new TreeSet<>();
        for (ZoneId zone : allZones()) {
            for (ZoneOffsetTransition t : transitions(zone.getRules(), FROM_1980)) {
                if (onGrid(t.getInstant())) {
                    continue;
                }
                zonesWithOffGridChanges.add(zone.getId());
                assertEquals(LocalTime.of(0, 1), t.getDateTimeBefore().toLocalTime(), () -> zone + " " + t);
                // The days around it still start on the grid, and the bucket holding the change lies in one day.
                LocalDate date = t.getDateTimeBefore().toLocalDate();
                for (LocalDate d = date.minusDays(1); !d.isAfter(date.plusDays(1)); d = d.plusDays(1)) {
                    assertTrue(LocalDay.of(d, zone).isOnQuarterHourGrid(), zone + " " + d);
                }
                QuarterHour bucket = QuarterHour.containing(t.getInstant());
                assertEquals(ZonedDays.dateOf(bucket.start(), zone),
                        ZonedDays.dateOf(bucket.end().minusNanos(1), zone), () -> zone + " " + t);
            }
        }

        assertEquals(Set.of("America/Goose_Bay", "America/Moncton", "America/St_Johns", "Antarctica/Casey",
                "Asia/Gaza", "Asia/Hebron", "Canada/Newfoundland"), zonesWithOffGridChanges);
    }

    @Test
    void everyBucketAroundEveryChangeSince1980LiesInTheDayOfItsStart() {
        int checked = 0;
        for (ZoneId zone : allZones()) {
            for (ZoneOffsetTransition t : transitions(zone.getRules(), FROM_1980)) {
                QuarterHour bucket = QuarterHour.containing(t.getInstant().minusSeconds(3 * 3600));
                for (int i = 0; i < 24; i++, bucket = bucket.next()) {
                    LocalDate date = bucket.localDate(zone);
                    LocalDay day = LocalDay.of(date, zone);
                    assertTrue(!bucket.start().isBefore(day.start()) && !bucket.end().isAfter(day.end()),
                            zone + " " + bucket);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100_000, "changes checked: " + checked);
    }
}
