#include "reports/report.hpp"

#include <date/date.h>

#include <sstream>
#include <stdexcept>

namespace samverkan::reports {
namespace {

date::year_month_day Parse(const std::string& s) {
    std::istringstream in(s);
    date::sys_days d;
    in >> date::parse("%F", d);
    if (in.fail()) throw std::invalid_argument("not a date: " + s);
    return date::year_month_day{d};
}

std::string Format(date::sys_days d) { return date::format("%F", d); }

int MonthsPer(const std::string& cadence) {
    if (cadence == "monthly") return 1;
    if (cadence == "quarterly") return 3;
    if (cadence == "tertial") return 4;
    if (cadence == "yearly") return 12;
    throw std::invalid_argument("unknown cadence " + cadence);
}

ReportPeriod PeriodStartingAt(date::year_month first, int months, int due_days) {
    date::sys_days start = date::sys_days{first / date::day{1}};
    date::sys_days end = date::sys_days{(first + date::months{months}) / date::day{1}} - date::days{1};
    return {Format(start), Format(end), Format(end + date::days{due_days})};
}

}  // namespace

ReportPeriod PeriodContaining(const std::string& cadence, const std::string& d, int due_days) {
    int months = MonthsPer(cadence);
    auto ymd = Parse(d);
    unsigned m0 = static_cast<unsigned>(ymd.month()) - 1;
    unsigned first = m0 - m0 % static_cast<unsigned>(months);
    return PeriodStartingAt(date::year_month{ymd.year(), date::month{first + 1}}, months, due_days);
}

std::vector<ReportPeriod> PeriodsBetween(const std::string& cadence, const std::string& from, const std::string& until,
                                         int due_days) {
    int months = MonthsPer(cadence);
    std::vector<ReportPeriod> out;
    ReportPeriod p = PeriodContaining(cadence, from, due_days);
    auto ym = date::year_month{Parse(p.start).year(), Parse(p.start).month()};
    while (p.start <= until) {
        out.push_back(p);
        ym += date::months{months};
        p = PeriodStartingAt(ym, months, due_days);
    }
    return out;
}

}  // namespace samverkan::reports
