#include "common/clock.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace samverkan {
namespace {

Clock::TimePoint At(const char* s) { return *ParseInstant(s); }

TEST(ClockTest, ParsesInstantsWithZOrOffsetAndRefusesTheRest) {
    EXPECT_EQ(FixedClock(At("2026-11-27T10:00:00Z")).NowUtc(), "2026-11-27T10:00:00.000Z");
    EXPECT_EQ(FixedClock(At("2026-11-27T11:00:00+01:00")).NowUtc(), "2026-11-27T10:00:00.000Z");
    EXPECT_EQ(FixedClock(At("2026-11-27T10:00:00.250Z")).NowUtc(), "2026-11-27T10:00:00.250Z");
    for (const char* bad : {"", "2026-11-27", "2026-11-27 10:00:00Z", "2026-11-27T10:00:00", "2026-13-01T00:00:00Z",
                            "2026-11-27T10:00:00Zjunk", "yesterday"})
        EXPECT_FALSE(ParseInstant(bad).has_value()) << bad;
}

TEST(ClockTest, TodayIsStockholmsDateAcrossMidnightAndDaylightSaving) {
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm (UTC+1).
    EXPECT_EQ(FixedClock(At("2026-12-31T22:59:59Z")).TodayStockholm(), "2026-12-31");
    EXPECT_EQ(FixedClock(At("2026-12-31T23:00:00Z")).TodayStockholm(), "2027-01-01");
    // Summer time (UTC+2): 22:00 UTC on 27 March 2027 is still the 27th (23:00 CET); on 28 March, after the
    // change at 01:00 UTC, 22:00 UTC is already the 29th.
    EXPECT_EQ(FixedClock(At("2027-03-27T22:59:59Z")).TodayStockholm(), "2027-03-27");
    EXPECT_EQ(FixedClock(At("2027-03-28T22:00:00Z")).TodayStockholm(), "2027-03-29");
    // Back to winter time on 31 October 2027 at 01:00 UTC: 22:30 UTC is 23:30 CET, still the 31st.
    EXPECT_EQ(FixedClock(At("2027-10-30T21:59:59Z")).TodayStockholm(), "2027-10-30");
    EXPECT_EQ(FixedClock(At("2027-10-31T22:30:00Z")).TodayStockholm(), "2027-10-31");
}

TEST(ClockTest, AFixedClockMovesOnlyWhenMoved) {
    FixedClock c(At("2026-11-27T10:00:00Z"));
    EXPECT_EQ(c.EpochSeconds(), 1795773600);
    c.Advance(std::chrono::hours(14));
    EXPECT_EQ(c.NowUtc(), "2026-11-28T00:00:00.000Z");
    EXPECT_EQ(c.TodayStockholm(), "2026-11-28");
}

TEST(ClockTest, AStartedClockStartsAtItsInstantAndRunsForward) {
    StartedClock c(At("2027-01-01T10:00:00Z"));
    auto first = c.Now();
    EXPECT_GE(first, At("2027-01-01T10:00:00Z"));
    EXPECT_LT(first, At("2027-01-01T10:00:05Z"));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_GT(c.Now(), first);
    EXPECT_EQ(c.TodayStockholm(), "2027-01-01");
}

}  // namespace
}  // namespace samverkan
