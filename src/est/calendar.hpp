#pragma once
// Calendar arithmetic for the situation picture: day numbers, ISO weeks, the periods pictures are
// drawn for (ISO week, quarter, tertial, year), and the local date in Europe/Stockholm of an instant.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::est {

// Days since 1970-01-01.
using Day = int;

// Parses a strict YYYY-MM-DD; empty for anything else.
std::optional<Day> ParseDay(std::string_view iso);
std::string FormatDay(Day day);
// 1 = Monday ... 7 = Sunday.
int Weekday(Day day);

struct IsoWeek {
    int year = 0;
    int week = 0;
    bool operator==(const IsoWeek&) const = default;
};
IsoWeek IsoWeekOf(Day day);
int WeeksInIsoYear(int year);
Day MondayOfIsoWeek(int year, int week);

// The UTC offset of Europe/Stockholm at a UTC instant, by the EU rule in force since 1996 (summer
// time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October).
// A pure function so that millions of incidents are binned without a time-zone database lookup;
// a unit test checks it against the tz database hour by hour.
int StockholmOffsetSeconds(std::int64_t utc_seconds);
Day StockholmDay(std::int64_t utc_seconds);

enum class PeriodKind { kWeek, kQuarter, kTertial, kYear };

struct Period {
    PeriodKind kind = PeriodKind::kWeek;
    int year = 0;
    int index = 0;  // week 1..53, quarter 1..4, tertial 1..3; 1 for a year
    Day start = 0;  // first day
    Day end = 0;    // the day after the last
    std::string Code() const;   // "2026-W48", "2026-Q3", "2026-T2", "2026"
    std::string NameSv() const;  // "vecka 48 2026", "kvartal 3 2026", "tertial 2 2026", "år 2026"
    bool operator==(const Period& o) const { return kind == o.kind && year == o.year && index == o.index; }
};

// Parses a period code; empty for anything else (including week 53 of a year that has none).
std::optional<Period> ParsePeriod(std::string_view code);
Period MakePeriod(PeriodKind kind, int year, int index);
Period PeriodContaining(PeriodKind kind, Day day);
// The period `n` steps later (earlier when negative).
Period ShiftPeriod(const Period& p, int n);
// The same period one year earlier; empty for week 53 when the previous ISO year has no week 53.
std::optional<Period> SameLastYear(const Period& p);
// How many preceding periods form a cell's baseline when looking for hotspots.
int BaselinePeriods(PeriodKind kind);

}  // namespace samverkan::est
