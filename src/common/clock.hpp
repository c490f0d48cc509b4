#pragma once
// The one clock. Services, repositories and the audit log read the time only from a Clock that
// is injected: the system clock in production, a clock pinned to a chosen instant in tests, so
// that no result depends on the day the suite runs (DESIGN.md, "One clock").
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan {

class Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;

    // Now as ISO-8601 UTC with milliseconds and 'Z', the one text form stored and sent.
    std::string NowUtc() const;
    // Today's calendar date in Europe/Stockholm, as YYYY-MM-DD.
    std::string TodayStockholm() const;
    // Seconds since 1970-01-01 UTC.
    std::int64_t EpochSeconds() const;
};

// The machine's clock.
class SystemClock final : public Clock {
public:
    TimePoint Now() const override { return std::chrono::system_clock::now(); }
};
// The process-wide system clock, the default where nothing else is injected.
const Clock& TheSystemClock();

// A clock that starts at a chosen instant and then runs at the machine's pace (steady clock), so
// that time still moves forward (sessions idle out, audit rows stay in order) while every date
// the suite sees is fixed. `samverkan --now` / SAMVERKAN_NOW (test only) makes one.
class StartedClock final : public Clock {
public:
    explicit StartedClock(TimePoint start) : start_(start), steady_start_(std::chrono::steady_clock::now()) {}
    TimePoint Now() const override {
        return start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                            std::chrono::steady_clock::now() - steady_start_);
    }

private:
    TimePoint start_;
    std::chrono::steady_clock::time_point steady_start_;
};

// A clock that stands still until it is moved: for unit and database tests.
class FixedClock final : public Clock {
public:
    explicit FixedClock(TimePoint t) : t_(t) {}
    TimePoint Now() const override { return t_; }
    void Set(TimePoint t) { t_ = t; }
    void Advance(std::chrono::system_clock::duration d) { t_ += d; }

private:
    TimePoint t_;
};

// Parses an instant: YYYY-MM-DDTHH:MM:SS with 'Z' or an offset (+01:00), optionally with
// fractional seconds. nullopt for anything else.
std::optional<Clock::TimePoint> ParseInstant(std::string_view s);

// The instant the test suites pin their clocks to unless SAMVERKAN_TEST_NOW names another:
// a Friday in week 48 of 2026, in winter time.
inline constexpr std::string_view kDefaultTestNow = "2026-11-27T10:00:00Z";
// The instant from SAMVERKAN_TEST_NOW, or kDefaultTestNow: for *_test.cpp and *_dbtest.cpp.
Clock::TimePoint TestNow();

}  // namespace samverkan
