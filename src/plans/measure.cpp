#include "plans/measure.hpp"

#include <algorithm>
#include <cmath>

namespace samverkan::plans {

std::string_view StatusName(MeasureStatus s) {
    switch (s) {
        case MeasureStatus::kPlanned: return "planned";
        case MeasureStatus::kOngoing: return "ongoing";
        case MeasureStatus::kDone: return "done";
        case MeasureStatus::kPaused: return "paused";
        case MeasureStatus::kCancelled: return "cancelled";
    }
    return "planned";
}

std::string_view StatusNameSv(MeasureStatus s) {
    switch (s) {
        case MeasureStatus::kPlanned: return "planerad";
        case MeasureStatus::kOngoing: return "pågående";
        case MeasureStatus::kDone: return "klar";
        case MeasureStatus::kPaused: return "pausad";
        case MeasureStatus::kCancelled: return "avbruten";
    }
    return "planerad";
}

std::optional<MeasureStatus> ParseStatus(std::string_view name) {
    for (MeasureStatus s : kAllStatuses)
        if (StatusName(s) == name) return s;
    return std::nullopt;
}

std::optional<MeasureStatus> ParseStatusSv(std::string_view name) {
    for (MeasureStatus s : kAllStatuses)
        if (StatusNameSv(s) == name) return s;
    return std::nullopt;
}

std::vector<MeasureStatus> AllowedMoves(MeasureStatus from) {
    using S = MeasureStatus;
    switch (from) {
        case S::kPlanned: return {S::kOngoing, S::kCancelled};
        case S::kOngoing: return {S::kPaused, S::kDone, S::kCancelled};
        case S::kPaused: return {S::kOngoing, S::kCancelled};
        case S::kDone: return {S::kOngoing};
        case S::kCancelled: return {};
    }
    return {};
}

bool CanMove(MeasureStatus from, MeasureStatus to) {
    if (from == to) return true;
    auto moves = AllowedMoves(from);
    return std::find(moves.begin(), moves.end(), to) != moves.end();
}

bool IsOverdue(est::Day end_date, MeasureStatus status, est::Day today) {
    if (status == MeasureStatus::kDone || status == MeasureStatus::kCancelled) return false;
    return end_date < today;
}

bool IsOverdueAt(est::Day end_date, MeasureStatus status, std::int64_t utc_seconds) {
    return IsOverdue(end_date, status, est::StockholmDay(utc_seconds));
}

void Rollup::Add(MeasureStatus status, std::optional<int> progress, bool is_overdue) {
    ++measures;
    ++by_status[static_cast<std::size_t>(status)];
    if (status == MeasureStatus::kCancelled) return;
    if (is_overdue) ++overdue;
    if (status == MeasureStatus::kDone) progress = 100;
    if (progress) {
        progress_sum += *progress;
        ++progress_count;
    }
}

std::optional<double> Rollup::Progress() const {
    if (progress_count == 0) return std::nullopt;
    return std::round(progress_sum / static_cast<double>(progress_count) * 10.0) / 10.0;
}

}  // namespace samverkan::plans
