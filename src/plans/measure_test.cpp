// The rules of a measure: status moves, overdue around midnight and the daylight-saving changes in
// Europe/Stockholm, and the roll-up arithmetic.
#include "plans/measure.hpp"

#include <gtest/gtest.h>

namespace samverkan::plans {
namespace {

using S = MeasureStatus;

std::int64_t Utc(const char* day, int hour, int minute, int second) {
    return static_cast<std::int64_t>(*est::ParseDay(day)) * 86400 + hour * 3600 + minute * 60 + second;
}

TEST(MeasureStatusTest, EveryMoveIsEitherAllowedOrRefused) {
    struct Case {
        S from, to;
        bool allowed;
    };
    const Case cases[] = {
        {S::kPlanned, S::kOngoing, true},    {S::kPlanned, S::kCancelled, true},  {S::kPlanned, S::kDone, false},
        {S::kPlanned, S::kPaused, false},    {S::kOngoing, S::kPaused, true},     {S::kOngoing, S::kDone, true},
        {S::kOngoing, S::kCancelled, true},  {S::kOngoing, S::kPlanned, false},   {S::kPaused, S::kOngoing, true},
        {S::kPaused, S::kCancelled, true},   {S::kPaused, S::kDone, false},       {S::kPaused, S::kPlanned, false},
        {S::kDone, S::kOngoing, true},       {S::kDone, S::kCancelled, false},    {S::kDone, S::kPlanned, false},
        {S::kCancelled, S::kOngoing, false}, {S::kCancelled, S::kPlanned, false}, {S::kCancelled, S::kDone, false},
    };
    for (const Case& c : cases)
        EXPECT_EQ(CanMove(c.from, c.to), c.allowed) << StatusName(c.from) << " -> " << StatusName(c.to);
    for (S s : kAllStatuses) EXPECT_TRUE(CanMove(s, s)) << "staying is not a move";
    EXPECT_TRUE(AllowedMoves(S::kCancelled).empty());
}

TEST(MeasureStatusTest, NamesRoundTripInEnglishAndSwedish) {
    for (S s : kAllStatuses) {
        EXPECT_EQ(ParseStatus(StatusName(s)), s);
        EXPECT_EQ(ParseStatusSv(StatusNameSv(s)), s);
    }
    EXPECT_FALSE(ParseStatus("Planned"));
    EXPECT_FALSE(ParseStatusSv("pagaende"));
    EXPECT_EQ(ParseStatusSv("pågående"), S::kOngoing);
}

TEST(OverdueTest, TheEndDateItselfIsNotOverdueTheNextStockholmDayIs) {
    est::Day end = *est::ParseDay("2026-11-30");
    // Winter (UTC+1): Stockholm midnight between 30 Nov and 1 Dec is 23:00 UTC on 30 Nov.
    EXPECT_FALSE(IsOverdueAt(end, S::kOngoing, Utc("2026-11-30", 22, 59, 59)));
    EXPECT_TRUE(IsOverdueAt(end, S::kOngoing, Utc("2026-11-30", 23, 0, 0)));
}

TEST(OverdueTest, AroundTheSpringChange) {
    // Summer time starts 2026-03-29 at 01:00 UTC (02:00 CET becomes 03:00 CEST).
    est::Day end_before = *est::ParseDay("2026-03-28");
    EXPECT_FALSE(IsOverdueAt(end_before, S::kOngoing, Utc("2026-03-28", 22, 59, 59)));  // 23:59:59 CET
    EXPECT_TRUE(IsOverdueAt(end_before, S::kOngoing, Utc("2026-03-28", 23, 0, 0)));     // 00:00 CET on the 29th
    // A measure ending on the day of the change: that day is 23 hours long, and ends at 22:00 UTC.
    est::Day end_on = *est::ParseDay("2026-03-29");
    EXPECT_FALSE(IsOverdueAt(end_on, S::kOngoing, Utc("2026-03-29", 21, 59, 59)));  // 23:59:59 CEST
    EXPECT_TRUE(IsOverdueAt(end_on, S::kOngoing, Utc("2026-03-29", 22, 0, 0)));
    EXPECT_FALSE(IsOverdueAt(end_on, S::kOngoing, Utc("2026-03-29", 1, 30, 0)));  // 03:30 CEST, the hour skipped
}

TEST(OverdueTest, AroundTheAutumnChange) {
    // Summer time ends 2026-10-25 at 01:00 UTC (03:00 CEST becomes 02:00 CET): a 25-hour day.
    est::Day end_before = *est::ParseDay("2026-10-24");
    EXPECT_FALSE(IsOverdueAt(end_before, S::kPaused, Utc("2026-10-24", 21, 59, 59)));  // 23:59:59 CEST
    EXPECT_TRUE(IsOverdueAt(end_before, S::kPaused, Utc("2026-10-24", 22, 0, 0)));
    est::Day end_on = *est::ParseDay("2026-10-25");
    EXPECT_FALSE(IsOverdueAt(end_on, S::kPlanned, Utc("2026-10-25", 22, 59, 59)));  // 23:59:59 CET
    EXPECT_TRUE(IsOverdueAt(end_on, S::kPlanned, Utc("2026-10-25", 23, 0, 0)));
    EXPECT_FALSE(IsOverdueAt(end_on, S::kPlanned, Utc("2026-10-25", 0, 30, 0)));  // 02:30 CEST, the first time round
}

TEST(OverdueTest, DoneAndCancelledAreNeverOverdue) {
    est::Day end = *est::ParseDay("2020-01-01");
    est::Day today = *est::ParseDay("2026-11-27");
    EXPECT_FALSE(IsOverdue(end, S::kDone, today));
    EXPECT_FALSE(IsOverdue(end, S::kCancelled, today));
    EXPECT_TRUE(IsOverdue(end, S::kPaused, today));
    EXPECT_TRUE(IsOverdue(end, S::kPlanned, today));
}

TEST(RollupTest, CountsAndMeanProgress) {
    Rollup r;
    r.Add(S::kOngoing, 40, false);
    r.Add(S::kOngoing, 25, true);
    r.Add(S::kDone, 80, false);               // done counts 100 whatever its last figure
    r.Add(S::kPlanned, std::nullopt, false);  // no figure: not in the mean
    r.Add(S::kCancelled, 10, true);           // counted by status only
    r.Add(S::kPaused, 0, true);
    EXPECT_EQ(r.measures, 6u);
    EXPECT_EQ(r.by_status[static_cast<int>(S::kOngoing)], 2u);
    EXPECT_EQ(r.by_status[static_cast<int>(S::kCancelled)], 1u);
    EXPECT_EQ(r.overdue, 2u);
    // (40 + 25 + 100 + 0) / 4 = 41.25 → 41.3
    ASSERT_TRUE(r.Progress());
    EXPECT_DOUBLE_EQ(*r.Progress(), 41.3);
}

TEST(RollupTest, NoFiguresMeansNoProgress) {
    Rollup r;
    EXPECT_FALSE(r.Progress());
    r.Add(S::kPlanned, std::nullopt, false);
    r.Add(S::kCancelled, 50, false);
    EXPECT_FALSE(r.Progress());
    r.Add(S::kOngoing, 33, false);
    r.Add(S::kOngoing, 34, false);
    EXPECT_DOUBLE_EQ(*r.Progress(), 33.5);
}

}  // namespace
}  // namespace samverkan::plans
