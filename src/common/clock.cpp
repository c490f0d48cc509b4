#include "common/clock.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace samverkan {

std::string Clock::NowUtc() const { return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(Now())); }

std::string Clock::TodayStockholm() const {
    static const date::time_zone* tz = date::locate_zone("Europe/Stockholm");
    auto local = tz->to_local(Now());
    return date::format("%F", date::floor<date::days>(local));
}

std::int64_t Clock::EpochSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
}

const Clock& TheSystemClock() {
    static const SystemClock clock;
    return clock;
}

std::optional<Clock::TimePoint> ParseInstant(std::string_view s) {
    if (s.size() < 20 || s[10] != 'T') return std::nullopt;
    for (const char* fmt : {"%FT%TZ", "%FT%T%Ez"}) {
        std::istringstream in{std::string(s)};
        date::sys_time<std::chrono::milliseconds> t;
        in >> date::parse(fmt, t);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return Clock::TimePoint(t);
    }
    return std::nullopt;
}

Clock::TimePoint TestNow() {
    const char* env = std::getenv("SAMVERKAN_TEST_NOW");
    std::string_view text = env && *env ? env : kDefaultTestNow;
    auto t = ParseInstant(text);
    if (!t) throw std::invalid_argument("SAMVERKAN_TEST_NOW must be an instant such as 2026-11-27T10:00:00Z");
    return *t;
}

}  // namespace samverkan
