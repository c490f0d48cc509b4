#include "est/calendar.hpp"

#include <date/date.h>

#include <cstdio>

namespace samverkan::est {
namespace {

Day FromYmd(int y, unsigned m, unsigned d) {
    return date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count();
}

date::year_month_day Ymd(Day day) { return date::year_month_day{date::sys_days{date::days{day}}}; }

// 01:00 UTC on the last Sunday of `month` in `year`, in seconds since the epoch.
std::int64_t LastSundayOneUtc(int year, unsigned month) {
    date::sys_days last{date::year{year} / date::month{month} / date::last};
    date::sys_days sunday = last - (date::weekday{last} - date::Sunday);
    return static_cast<std::int64_t>(sunday.time_since_epoch().count()) * 86400 + 3600;
}

}  // namespace

std::optional<Day> ParseDay(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    date::year_month_day ymd{date::year{num(0, 4)}, date::month{static_cast<unsigned>(num(5, 2))},
                             date::day{static_cast<unsigned>(num(8, 2))}};
    if (!ymd.ok()) return std::nullopt;
    return date::sys_days{ymd}.time_since_epoch().count();
}

std::string FormatDay(Day day) {
    auto ymd = Ymd(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

int Weekday(Day day) {
    unsigned wd = date::weekday{date::sys_days{date::days{day}}}.iso_encoding();
    return static_cast<int>(wd);
}

IsoWeek IsoWeekOf(Day day) {
    // The ISO year is the year of the week's Thursday; the week number counts Thursdays from 1 January.
    Day thursday = day - Weekday(day) + 4;
    int year = static_cast<int>(Ymd(thursday).year());
    return {year, (thursday - FromYmd(year, 1, 1)) / 7 + 1};
}

int WeeksInIsoYear(int year) { return IsoWeekOf(FromYmd(year, 12, 28)).week; }

Day MondayOfIsoWeek(int year, int week) {
    Day jan4 = FromYmd(year, 1, 4);  // always in week 1
    return jan4 - (Weekday(jan4) - 1) + (week - 1) * 7;
}

int StockholmOffsetSeconds(std::int64_t t) {
    int year = static_cast<int>(Ymd(static_cast<Day>((t >= 0 ? t : t - 86399) / 86400)).year());
    bool summer = t >= LastSundayOneUtc(year, 3) && t < LastSundayOneUtc(year, 10);
    return summer ? 7200 : 3600;
}

Day StockholmDay(std::int64_t t) {
    std::int64_t local = t + StockholmOffsetSeconds(t);
    return static_cast<Day>(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}

std::string Period::Code() const {
    char buf[24];
    switch (kind) {
        case PeriodKind::kWeek: std::snprintf(buf, sizeof buf, "%04d-W%02d", year, index); break;
        case PeriodKind::kQuarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", year, index); break;
        case PeriodKind::kTertial: std::snprintf(buf, sizeof buf, "%04d-T%d", year, index); break;
        case PeriodKind::kYear: std::snprintf(buf, sizeof buf, "%04d", year); break;
    }
    return buf;
}

std::string Period::NameSv() const {
    switch (kind) {
        case PeriodKind::kWeek: return "vecka " + std::to_string(index) + " " + std::to_string(year);
        case PeriodKind::kQuarter: return "kvartal " + std::to_string(index) + " " + std::to_string(year);
        case PeriodKind::kTertial: return "tertial " + std::to_string(index) + " " + std::to_string(year);
        case PeriodKind::kYear: return "år " + std::to_string(year);
    }
    return Code();
}

Period MakePeriod(PeriodKind kind, int year, int index) {
    Period p{kind, year, index, 0, 0};
    switch (kind) {
        case PeriodKind::kWeek:
            p.start = MondayOfIsoWeek(year, index);
            p.end = p.start + 7;
            break;
        case PeriodKind::kQuarter:
            p.start = FromYmd(year, static_cast<unsigned>(3 * (index - 1) + 1), 1);
            p.end = index == 4 ? FromYmd(year + 1, 1, 1) : FromYmd(year, static_cast<unsigned>(3 * index + 1), 1);
            break;
        case PeriodKind::kTertial:
            p.start = FromYmd(year, static_cast<unsigned>(4 * (index - 1) + 1), 1);
            p.end = index == 3 ? FromYmd(year + 1, 1, 1) : FromYmd(year, static_cast<unsigned>(4 * index + 1), 1);
            break;
        case PeriodKind::kYear:
            p.index = 1;
            p.start = FromYmd(year, 1, 1);
            p.end = FromYmd(year + 1, 1, 1);
            break;
    }
    return p;
}

std::optional<Period> ParsePeriod(std::string_view s) {
    auto digits = [](std::string_view d) {
        if (d.empty()) return false;
        for (char c : d)
            if (c < '0' || c > '9') return false;
        return true;
    };
    if (s.size() < 4 || !digits(s.substr(0, 4))) return std::nullopt;
    int year = std::stoi(std::string(s.substr(0, 4)));
    if (year < 2000 || year > 2100) return std::nullopt;
    if (s.size() == 4) return MakePeriod(PeriodKind::kYear, year, 1);
    if (s[4] != '-' || s.size() < 7) return std::nullopt;
    char k = s[5];
    std::string_view rest = s.substr(6);
    if (!digits(rest) || rest.size() > 2) return std::nullopt;
    int n = std::stoi(std::string(rest));
    if (k == 'W' && rest.size() == 2 && n >= 1 && n <= WeeksInIsoYear(year)) return MakePeriod(PeriodKind::kWeek, year, n);
    if (k == 'Q' && rest.size() == 1 && n >= 1 && n <= 4) return MakePeriod(PeriodKind::kQuarter, year, n);
    if (k == 'T' && rest.size() == 1 && n >= 1 && n <= 3) return MakePeriod(PeriodKind::kTertial, year, n);
    return std::nullopt;
}

Period PeriodContaining(PeriodKind kind, Day day) {
    if (kind == PeriodKind::kWeek) {
        IsoWeek w = IsoWeekOf(day);
        return MakePeriod(kind, w.year, w.week);
    }
    auto ymd = Ymd(day);
    int year = static_cast<int>(ymd.year());
    unsigned m = static_cast<unsigned>(ymd.month());
    switch (kind) {
        case PeriodKind::kQuarter: return MakePeriod(kind, year, static_cast<int>((m - 1) / 3 + 1));
        case PeriodKind::kTertial: return MakePeriod(kind, year, static_cast<int>((m - 1) / 4 + 1));
        default: return MakePeriod(PeriodKind::kYear, year, 1);
    }
}

Period ShiftPeriod(const Period& p, int n) {
    switch (p.kind) {
        case PeriodKind::kWeek: return PeriodContaining(PeriodKind::kWeek, p.start + 7 * n);
        case PeriodKind::kYear: return MakePeriod(PeriodKind::kYear, p.year + n, 1);
        default: {
            int per_year = p.kind == PeriodKind::kQuarter ? 4 : 3;
            int flat = p.year * per_year + (p.index - 1) + n;
            int year = flat >= 0 ? flat / per_year : (flat - per_year + 1) / per_year;
            return MakePeriod(p.kind, year, flat - year * per_year + 1);
        }
    }
}

std::optional<Period> SameLastYear(const Period& p) {
    if (p.kind == PeriodKind::kWeek) {
        if (p.index > WeeksInIsoYear(p.year - 1)) return std::nullopt;
        return MakePeriod(PeriodKind::kWeek, p.year - 1, p.index);
    }
    return MakePeriod(p.kind, p.year - 1, p.index);
}

int BaselinePeriods(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::kWeek: return 12;
        case PeriodKind::kQuarter: return 4;
        case PeriodKind::kTertial: return 3;
        case PeriodKind::kYear: return 3;
    }
    return 12;
}

}  // namespace samverkan::est
