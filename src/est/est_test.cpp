// Rules of the situation picture that need no database: the personal-number screen, the police
// feed's times, ISO-week and period arithmetic, Stockholm's local day, and the hotspot rule.
#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include "common/csv.hpp"
#include "est/calendar.hpp"
#include "est/hotspot.hpp"
#include "est/incident.hpp"
#include "est/incident_import.hpp"
#include "est/personal_number.hpp"

namespace samverkan::est {
namespace {

Day D(const char* iso) { return *ParseDay(iso); }

TEST(PersonalNumber, FindsValidNumbersInEveryWrittenForm) {
    for (const char* text : {"811218-9876", "8112189876", "198112189876", "19811218-9876", "811218+9876",
                             "Ringde 811218-9876 i går", "pnr:811218 9876."}) {
        auto m = FindPersonalNumber(text);
        ASSERT_TRUE(m) << text;
        EXPECT_FALSE(m->coordination) << text;
    }
    auto m = FindPersonalNumber("Anmälare 811218-9876 kontaktad");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->offset, 10u);  // bytes: "ä" takes two
    EXPECT_EQ(m->length, 11u);
}

TEST(PersonalNumber, FindsCoordinationNumbers) {
    // Day 18 + 60 = 78; check digit recomputed by Luhn over 8112789876 -> 811278-987?.
    std::string base = "811278987";
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        int d = base[i] - '0';
        if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    std::string number = base.substr(0, 6) + "-" + base.substr(6) + std::to_string((10 - sum % 10) % 10);
    auto m = FindPersonalNumber("samordningsnummer " + number);
    ASSERT_TRUE(m) << number;
    EXPECT_TRUE(m->coordination);
}

TEST(PersonalNumber, IgnoresWhatIsNotOne) {
    for (const char* text : {"811218-9875",       // wrong check digit
                             "811318-9876",       // month 13
                             "810230-1234",       // 30 February
                             "1234",              // too short
                             "08-123 456 78",     // a phone number
                             "Klotter på 45 m2, 3 fönster, vecka 48 2026",
                             "18112189876",       // 11 digits: part of a longer run
                             "9811218-98761",     // embedded in longer digit runs
                             "2026-11-27 09:58"}) // a date and time
        EXPECT_FALSE(FindPersonalNumber(text)) << text;
}

TEST(PolisenDateTime, AcceptsOneAndTwoDigitHoursWithOffset) {
    // 2018-04-13 09:58:49 +02:00 = 07:58:49 UTC.
    auto t = ParsePolisenDateTime("2018-04-13 9:58:49 +02:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(FormatInstant(*t), "2018-04-13T07:58:49.000Z");
    EXPECT_EQ(ParsePolisenDateTime("2018-04-13 09:58:49 +02:00"), t);
    EXPECT_EQ(FormatInstant(*ParsePolisenDateTime("2026-01-01 0:05:00 +01:00")), "2025-12-31T23:05:00.000Z");
    EXPECT_EQ(FormatInstant(*ParsePolisenDateTime("2026-07-01 23:00:00 -01:30")), "2026-07-02T00:30:00.000Z");
}

TEST(PolisenDateTime, RefusesMalformedTimes) {
    for (const char* s : {"", "2018-04-13", "2018-04-13 9:58 +02:00", "2018-04-13 24:00:00 +02:00",
                          "2018-04-13 123:58:49 +02:00", "2018-04-13T9:58:49 +02:00", "2018-04-13 9:58:49", "2018-02-30 9:58:49 +02:00",
                          "2018-04-13 9:58:49 +0200", "2018-04-13 9:60:49 +02:00"})
        EXPECT_FALSE(ParsePolisenDateTime(s)) << s;
}

TEST(IsoWeek, EdgesOfTheYear) {
    EXPECT_EQ(IsoWeekOf(D("2026-01-01")), (IsoWeek{2026, 1}));   // a Thursday
    EXPECT_EQ(IsoWeekOf(D("2021-01-01")), (IsoWeek{2020, 53}));  // Friday: in 2020's week 53
    EXPECT_EQ(IsoWeekOf(D("2022-01-01")), (IsoWeek{2021, 52}));  // Saturday: in 2021's week 52
    EXPECT_EQ(IsoWeekOf(D("2024-12-30")), (IsoWeek{2025, 1}));   // Monday: already 2025's week 1
    EXPECT_EQ(IsoWeekOf(D("2026-11-27")), (IsoWeek{2026, 48}));
    EXPECT_EQ(WeeksInIsoYear(2020), 53);
    EXPECT_EQ(WeeksInIsoYear(2021), 52);
    EXPECT_EQ(WeeksInIsoYear(2026), 53);
    EXPECT_EQ(FormatDay(MondayOfIsoWeek(2020, 53)), "2020-12-28");
    EXPECT_EQ(FormatDay(MondayOfIsoWeek(2025, 1)), "2024-12-30");
}

TEST(IsoWeek, AgreesWithTheDateLibraryEveryDayFor30Years) {
    for (Day d = D("2000-01-01"); d < D("2030-12-31"); ++d) {
        date::sys_days sd{date::days{d}};
        // %G-%V is the ISO year and week.
        std::string expected = date::format("%G-W%V", sd);
        IsoWeek w = IsoWeekOf(d);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
        ASSERT_EQ(buf, expected) << FormatDay(d);
        ASSERT_EQ(MondayOfIsoWeek(w.year, w.week), d - Weekday(d) + 1);
    }
}

TEST(Periods, ParseShiftAndCompareWithLastYear) {
    auto w = ParsePeriod("2026-W48");
    ASSERT_TRUE(w);
    EXPECT_EQ(FormatDay(w->start), "2026-11-23");
    EXPECT_EQ(w->end - w->start, 7);
    EXPECT_EQ(ShiftPeriod(*w, -1).Code(), "2026-W47");
    EXPECT_EQ(ShiftPeriod(*ParsePeriod("2026-W01"), -1).Code(), "2025-W52");
    EXPECT_EQ(ShiftPeriod(*ParsePeriod("2020-W53"), 1).Code(), "2021-W01");
    EXPECT_EQ(SameLastYear(*w)->Code(), "2025-W48");
    EXPECT_FALSE(SameLastYear(*ParsePeriod("2026-W53")));  // 2025 has no week 53
    EXPECT_FALSE(SameLastYear(*ParsePeriod("2020-W53")));  // 2019 has no week 53 either
    EXPECT_EQ(SameLastYear(*ParsePeriod("2021-W01"))->Code(), "2020-W01");
    EXPECT_FALSE(ParsePeriod("2021-W53"));
    EXPECT_FALSE(ParsePeriod("2026-W5"));
    EXPECT_FALSE(ParsePeriod("2026-Q5"));
    EXPECT_FALSE(ParsePeriod("1999"));
    EXPECT_FALSE(ParsePeriod("2026-"));
    auto q = *ParsePeriod("2026-Q4");
    EXPECT_EQ(FormatDay(q.start), "2026-10-01");
    EXPECT_EQ(FormatDay(q.end), "2027-01-01");
    EXPECT_EQ(ShiftPeriod(q, 1).Code(), "2027-Q1");
    EXPECT_EQ(ShiftPeriod(*ParsePeriod("2026-Q1"), -1).Code(), "2025-Q4");
    EXPECT_EQ(ShiftPeriod(*ParsePeriod("2026-T1"), -4).Code(), "2024-T3");
    auto t = *ParsePeriod("2026-T2");
    EXPECT_EQ(FormatDay(t.start), "2026-05-01");
    EXPECT_EQ(FormatDay(t.end), "2026-09-01");
    EXPECT_EQ(ParsePeriod("2024")->end - ParsePeriod("2024")->start, 366);
    EXPECT_EQ(PeriodContaining(PeriodKind::kTertial, D("2026-12-31")).Code(), "2026-T3");
}

TEST(StockholmTime, OffsetMatchesTheTimeZoneDatabaseHourByHour) {
    const date::time_zone* tz = date::locate_zone("Europe/Stockholm");
    std::int64_t from = 946684800;   // 2000-01-01
    std::int64_t to = 2082758400;    // 2036-01-01
    for (std::int64_t t = from; t < to; t += 1800) {
        auto info = tz->get_info(date::sys_seconds{std::chrono::seconds{t}});
        ASSERT_EQ(StockholmOffsetSeconds(t), info.offset.count()) << FormatInstant(t);
    }
}

TEST(StockholmTime, LocalDayAroundMidnightAndDaylightSaving) {
    EXPECT_EQ(FormatDay(StockholmDay(*ParseInstant("2026-11-27T22:59:59Z"))), "2026-11-27");
    EXPECT_EQ(FormatDay(StockholmDay(*ParseInstant("2026-11-27T23:00:00Z"))), "2026-11-28");
    EXPECT_EQ(FormatDay(StockholmDay(*ParseInstant("2026-06-30T22:00:00Z"))), "2026-07-01");
    // A local time without an offset is Stockholm time, in summer and in winter.
    EXPECT_EQ(FormatInstant(*ParseInstant("2026-07-01T00:30")), "2026-06-30T22:30:00.000Z");
    EXPECT_EQ(FormatInstant(*ParseInstant("2026-01-15T08:00:00")), "2026-01-15T07:00:00.000Z");
    EXPECT_EQ(FormatInstant(*ParseInstant("2026-03-29T03:30")), "2026-03-29T01:30:00.000Z");  // after the spring change
    EXPECT_FALSE(ParseInstant("2026-11-27T25:00"));
    EXPECT_FALSE(ParseInstant("2026-11-27 14:05 CET"));
    EXPECT_FALSE(ParseInstant("27/11/2026 14:05"));
}

TEST(Hotspot, NeedsAMinimumCountAndAClearRiseAboveTheBaseline) {
    EXPECT_FALSE(IsHotspot(1, 0.0));   // one report is never a hotspot
    EXPECT_FALSE(IsHotspot(2, 0.0));
    EXPECT_TRUE(IsHotspot(3, 0.0));    // three where there were none
    EXPECT_TRUE(IsHotspot(9, 1.25));
    EXPECT_FALSE(IsHotspot(3, 2.0));   // three where two is normal
    EXPECT_FALSE(IsHotspot(12, 10.0));
    EXPECT_TRUE(IsHotspot(20, 10.0));
    EXPECT_FALSE(IsHotspot(115, 100.0));
    EXPECT_TRUE(IsHotspot(130, 100.0));
    EXPECT_NEAR(PoissonTail(1, 1.0), 1 - std::exp(-1.0), 1e-12);
    EXPECT_NEAR(PoissonTail(3, 0.25), 1 - std::exp(-0.25) * (1 + 0.25 + 0.03125), 1e-12);
    EXPECT_DOUBLE_EQ(PoissonTail(0, 5.0), 1.0);
}

TEST(SpreadsheetText, DecodesWindows1252AndGuessesTheDelimiter) {
    std::string enc;
    EXPECT_EQ(DecodeSpreadsheetText("\xEF\xBB\xBFkategori", &enc), "kategori");
    EXPECT_EQ(enc, "utf-8");
    EXPECT_EQ(DecodeSpreadsheetText("Nedskr\xE4pning \x80", &enc), "Nedskräpning €");
    EXPECT_EQ(enc, "windows-1252");
    EXPECT_FALSE(IsValidUtf8("\xC3"));
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // overlong
    EXPECT_TRUE(IsValidUtf8("Järva"));
    EXPECT_EQ(GuessCsvDelimiter("datum;tid;kategori\n1,2;3"), ';');
    EXPECT_EQ(GuessCsvDelimiter("datum,tid,kategori"), ',');
    auto rows = ParseCsv("a;\"b;c\"\n1;2\n", ';');
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][1], "b;c");
}

TEST(LowerSv, LowersSwedishLetters) { EXPECT_EQ(LowerSv("ÅÄÖ Sergels Torg É"), "åäö sergels torg é"); }

}  // namespace
}  // namespace samverkan::est
