#include "common/time.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>
#include <sstream>

namespace samverkan {

std::string FormatUtc(std::chrono::system_clock::time_point t) {
    return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(t));
}

std::string AddDays(const std::string& iso_date, int days) {
    std::istringstream in(iso_date);
    date::sys_days d;
    in >> date::parse("%F", d);
    return date::format("%F", d + date::days{days});
}

bool IsIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4)));
    unsigned m = std::stoi(std::string(s.substr(5, 2)));
    unsigned d = std::stoi(std::string(s.substr(8, 2)));
    return date::year_month_day{date::year{y}, date::month{m}, date::day{d}}.ok();
}

}  // namespace samverkan
