#pragma once
// The rules of a measure (åtgärd) that need no database: its status moves, when it is overdue, and
// how progress rolls up over many measures.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "est/calendar.hpp"

namespace samverkan::plans {

enum class MeasureStatus { kPlanned, kOngoing, kDone, kPaused, kCancelled };
inline constexpr std::array<MeasureStatus, 5> kAllStatuses = {MeasureStatus::kPlanned, MeasureStatus::kOngoing,
                                                              MeasureStatus::kDone, MeasureStatus::kPaused,
                                                              MeasureStatus::kCancelled};

std::string_view StatusName(MeasureStatus s);    // "planned"
std::string_view StatusNameSv(MeasureStatus s);  // "planerad"
std::optional<MeasureStatus> ParseStatus(std::string_view name);
std::optional<MeasureStatus> ParseStatusSv(std::string_view name);

// The statuses a measure may move to from `from` (not including staying where it is):
// planned → ongoing | cancelled; ongoing → paused | done | cancelled; paused → ongoing | cancelled;
// done → ongoing (reopened); cancelled is final.
std::vector<MeasureStatus> AllowedMoves(MeasureStatus from);
// True when `to` is `from` or one of its allowed moves.
bool CanMove(MeasureStatus from, MeasureStatus to);

// A measure is overdue from the first moment (Stockholm time) of the day after its end date, while it
// is neither done nor cancelled: the end date itself is still within the plan.
bool IsOverdue(est::Day end_date, MeasureStatus status, est::Day today);
bool IsOverdueAt(est::Day end_date, MeasureStatus status, std::int64_t utc_seconds);

// Counts and mean progress over a set of measures. Progress: a done measure counts 100, a measure
// with follow-ups its latest figure, one without is left out of the mean; cancelled ones are
// counted by status but left out of the mean and of overdue.
struct Rollup {
    std::size_t measures = 0;
    std::array<std::size_t, 5> by_status{};
    std::size_t overdue = 0;
    double progress_sum = 0;
    std::size_t progress_count = 0;

    void Add(MeasureStatus status, std::optional<int> progress, bool overdue);
    // Mean progress rounded to one decimal; empty when no measure has a figure.
    std::optional<double> Progress() const;
};

}  // namespace samverkan::plans
