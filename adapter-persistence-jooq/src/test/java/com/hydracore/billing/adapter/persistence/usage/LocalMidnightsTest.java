package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.usage.LocalMidnights.Midnight;
import com.hydracore.billing.adapter.persistence.usage.LocalMidnights.Side;
import com.hydracore.billing.domain.period.DayRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which quarter hours a zoned read takes at each local midnight, and what that costs in rows. */
class LocalMidnightsTest {

    private static LocalMidnights of(String from, String to, String zone) {
        return LocalMidnights.of(new DayRange(LocalDate.parse(from), LocalDate.parse(to)), ZoneId.of(zone));
    }

    private static long bucket(String instant) {
        return Math.floorDiv(Instant.parse(instant).getEpochSecond(), 900);
    }

    @Test
    void ninetyDaysInKolkataReadTheTwentyTwoQuarterHoursAfterEachMidnightAndNinetyOneUtcDays() {
        LocalMidnights kolkata = of("2026-08-10", "2026-11-07", "Asia/Kolkata");

        assertEquals(91, kolkata.midnights().size());
        assertEquals(90, kolkata.dates().size());
        Midnight first = kolkata.midnights().get(0);
        assertEquals(bucket("2026-08-09T18:30:00Z"), first.bucket(), "10 August starts at 18:30Z the day before");
        assertEquals(Side.SUFFIX, first.side());
        assertEquals(bucket("2026-08-09T18:30:00Z"), first.from());
        assertEquals(bucket("2026-08-10T00:00:00Z"), first.end());
        assertEquals(91 * 22, kolkata.edgeQuarterHours(), "2,002 quarter hours instead of 90 × 96 = 8,640");
        assertEquals(LocalDate.parse("2026-08-09"), kolkata.firstUtcDay());
        assertEquals(LocalDate.parse("2026-11-07"), kolkata.lastUtcDay());
    }

    @Test
    void eachZoneIsReadOnTheShorterSideOfItsMidnights() {
        assertEquals(23, of("2026-08-10", "2026-08-10", "Asia/Kathmandu").edgeQuarterHours() / 2,
                "18:15Z: the 23 quarter hours after it");
        assertEquals(List.of(Side.PREFIX, Side.PREFIX),
                of("2026-08-10", "2026-08-10", "America/New_York").midnights().stream().map(Midnight::side).toList());
        assertEquals(2 * 16, of("2026-08-10", "2026-08-10", "America/New_York").edgeQuarterHours(),
                "04:00Z in summer: the 16 quarter hours before it");
        assertEquals(2 * 20, of("2026-12-10", "2026-12-10", "America/New_York").edgeQuarterHours(),
                "05:00Z in winter: the 20 before it");
        assertEquals(0, of("2026-12-01", "2026-12-31", "Europe/London").edgeQuarterHours(),
                "London's winter midnights are UTC midnights: UTC-day rows only");
        assertEquals(31 * 4 + 4, of("2026-07-01", "2026-07-31", "Europe/London").edgeQuarterHours(),
                "23:00Z in summer: the 4 quarter hours after it");
    }

    @Test
    void aTwentyThreeHourDayCanStartAndEndInOneUtcDay() {
        LocalMidnights spring = of("2026-03-29", "2026-03-29", "Europe/London");

        assertEquals(List.of(bucket("2026-03-29T00:00:00Z"), bucket("2026-03-29T23:00:00Z")),
                spring.midnights().stream().map(Midnight::bucket).toList());
        assertEquals(List.of(Side.NONE, Side.SUFFIX), spring.midnights().stream().map(Midnight::side).toList());
        assertEquals(4, spring.edgeQuarterHours());
        assertEquals(spring.firstUtcDay(), spring.lastUtcDay());
        LocalMidnights autumn = of("2026-11-01", "2026-11-01", "America/New_York");
        assertEquals(100, autumn.midnights().get(1).bucket() - autumn.midnights().get(0).bucket(), "25 hours");
    }

    @Test
    void aSkippedDateAddsNoMidnight() {
        LocalMidnights apia = of("2011-12-29", "2011-12-31", "Pacific/Apia");

        assertEquals(List.of(LocalDate.parse("2011-12-29"), LocalDate.parse("2011-12-31")), apia.dates());
        assertEquals(3, apia.midnights().size());
    }
}
